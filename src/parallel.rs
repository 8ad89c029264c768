//! Spreading independent work over the machine's cores: one chunk of the
//! items per core, results in the items' order.

/// `work` applied to consecutive chunks of `items`, one chunk per core;
/// the chunks' results in order.
pub fn chunks<T: Sync, R: Send>(items: &[T], work: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    if cores == 1 || items.len() < 2 {
        return vec![work(items)];
    }
    let size = items.len().div_ceil(cores);
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(size)
            .map(|chunk| scope.spawn(move || work(chunk)))
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::chunks;

    #[test]
    fn results_come_back_in_order_and_cover_every_item() {
        let items: Vec<u32> = (0..1001).collect();
        let sums: Vec<Vec<u32>> = chunks(&items, |chunk| chunk.to_vec());
        assert_eq!(sums.concat(), items);
        assert_eq!(chunks(&[] as &[u32], |c| c.len()), [0]);
    }
}
