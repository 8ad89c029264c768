//! A chaser as an email draft (RFC 5322, built by `mail-builder`): the
//! message in plain text with the return form attached, marked
//! `X-Unsent: 1` so Outlook and Thunderbird open it as a draft to send.

use std::io;

use chrono::NaiveDate;
use mail_builder::MessageBuilder;
use mail_builder::headers::raw::Raw;

use crate::returns::Chaser;

/// A draft email. A header cannot hold a line break, so the officer's
/// title and the subject are put on one line.
pub struct Draft<'a> {
    pub chaser: &'a Chaser,
    /// The officer's title and address; no `To:` without an address.
    pub to: Option<(&'a str, &'a str)>,
    pub date: NaiveDate,
    pub attachment_name: &'a str,
    pub attachment_type: &'a str,
    pub attachment: &'a [u8],
}

/// The draft as the bytes of an `.eml` file. Its `Date:` is the date the
/// forms were issued for, so the same plan and date give the same draft
/// apart from its random `Message-ID`.
pub fn write_eml(draft: &Draft) -> io::Result<Vec<u8>> {
    let one_line = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut message = MessageBuilder::new()
        .subject(one_line(&draft.chaser.subject))
        .header("X-Unsent", Raw::new("1"))
        .date(midday(draft.date))
        .text_body(draft.chaser.body.replace('\n', "\r\n"))
        .attachment(
            draft.attachment_type.to_string(),
            draft.attachment_name.to_string(),
            draft.attachment.to_vec(),
        );
    if let Some((name, address)) = draft.to {
        message = message.to((one_line(name), address.to_string()));
    }
    message.write_to_vec()
}

/// Seconds since 1970 at noon UTC on `date`: a day no zone moves.
fn midday(date: NaiveDate) -> i64 {
    date.and_hms_opt(12, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp())
}
