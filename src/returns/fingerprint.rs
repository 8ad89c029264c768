//! A fingerprint of an action as a form issued it: when the form comes
//! back, a different fingerprint means someone changed the action in
//! between, and the row is not applied over their change.

use crate::model::Action;

/// Sixteen hex digits over everything a return is a reply to: the
/// action's words, schedule, status and every update. FNV-1a, so the same
/// action gives the same fingerprint from one build to the next. It
/// guards against accidents, not forgery: `--force` overrides it anyway.
pub fn fingerprint(address: &str, action: &Action) -> String {
    let mut hash = Fnv::default();
    hash.field(address);
    hash.field(&action.full_text());
    hash.field(action.timescale.as_ref().map_or("", |t| t.value.as_str()));
    hash.field(
        &action
            .due
            .as_ref()
            .map(|d| d.value.to_string())
            .unwrap_or_default(),
    );
    hash.field(action.status.value.as_str());
    for update in &action.updates {
        hash.field(&update.date.value.to_string());
        hash.field(update.status.as_ref().map_or("", |s| s.value.as_str()));
        hash.field(
            &update
                .due
                .as_ref()
                .map(|d| d.value.to_string())
                .unwrap_or_default(),
        );
        hash.field(update.note.as_deref().unwrap_or(""));
    }
    format!("{:016x}", hash.0)
}

struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    /// Adds one field, ended by a byte no text holds, so that fields
    /// cannot run into each other ("ab" + "c" differs from "a" + "bc").
    fn field(&mut self, text: &str) {
        for byte in text.bytes().chain([0xff]) {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}
