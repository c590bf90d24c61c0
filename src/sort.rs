//! One stable sort for the whole crate.
//!
//! `slice::sort_by` and friends are fast, but every call site with its own element type and
//! comparator instantiates the whole driftsort/ipnsort machinery again (5–10 KB of wasm each;
//! ≈ 90 KB for the crate's dozen sorts). The sorts here are all off the hot paths (report
//! tables, holiday lists, an index built once), so they share one non-generic merge sort of
//! indices; only a few lines per element type remain generic.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, stably (equal elements keep their order), like `slice::sort_by`.
///
/// # Example
/// ```ignore
/// let mut v = [(2, 'a'), (1, 'b'), (2, 'c')];
/// crate::sort::sort_by(&mut v, |x, y| x.0.cmp(&y.0));
/// assert_eq!(v, [(1, 'b'), (2, 'a'), (2, 'c')]);
/// ```
pub(crate) fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let perm = {
        let s: &[T] = v;
        sorted_indices(s.len(), &mut |a, b| cmp(&s[a], &s[b]))
    };
    permute(v, perm);
}

/// Sorts `v` by a key, stably, like `slice::sort_by_key`.
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// `0..n` ordered by `cmp` on indices: insertion-sorted runs of 16, then bottom-up merges.
fn sorted_indices(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    const RUN: usize = 16;
    let mut a: Vec<usize> = (0..n).collect();
    for start in (0..n).step_by(RUN) {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let x = a[i];
            let mut j = i;
            while j > start && cmp(a[j - 1], x) == Ordering::Greater {
                a[j] = a[j - 1];
                j -= 1;
            }
            a[j] = x;
        }
    }
    let mut b = vec![0usize; n];
    let mut width = RUN;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                if cmp(a[j], a[i]) == Ordering::Less {
                    b[k] = a[j];
                    j += 1;
                } else {
                    b[k] = a[i];
                    i += 1;
                }
                k += 1;
            }
            b[k..k + (mid - i)].copy_from_slice(&a[i..mid]);
            k += mid - i;
            b[k..k + (hi - j)].copy_from_slice(&a[j..hi]);
            lo = hi;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// Reorders `v` so that the new `v[i]` is the old `v[perm[i]]` (following cycles, no copies).
fn permute<T>(v: &mut [T], mut perm: Vec<usize>) {
    for i in 0..v.len() {
        let mut cur = i;
        while perm[cur] != i {
            let next = perm[cur];
            v.swap(cur, next);
            perm[cur] = cur;
            cur = next;
        }
        perm[cur] = cur;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_std_stable_sort() {
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for n in [
            0usize, 1, 2, 3, 15, 16, 17, 31, 32, 33, 100, 257, 1000, 4099,
        ] {
            for modulus in [3u64, 1000] {
                let v: Vec<(u64, usize)> = (0..n)
                    .map(|i| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        (x % modulus, i)
                    })
                    .collect();
                let mut ours = v.clone();
                sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
                let mut std = v.clone();
                std.sort_by_key(|a| a.0);
                assert_eq!(ours, std, "n {n} mod {modulus}");
                let mut desc = v.clone();
                sort_by_key(&mut desc, |e| std::cmp::Reverse(e.0));
                let mut std_desc = v;
                std_desc.sort_by_key(|e| std::cmp::Reverse(e.0));
                assert_eq!(desc, std_desc);
            }
        }
    }
}
