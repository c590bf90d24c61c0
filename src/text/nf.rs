//! Unicode NFC / NFD with small tables for the text this crate meets: Latin (with Vietnamese),
//! the combining diacritics, general punctuation and currency signs.
//!
//! The full Unicode tables (≈ 50 KB of the gzip wasm module with `unicode-normalization`) are
//! only needed for other scripts. A string made only of [handled](is_handled) characters is
//! normalised here, exactly as Unicode does it (the tables in `nf_table.rs` are generated from
//! `unicode-normalization` and checked against it by the tests); any other string goes whole to
//! the host (`src/host.rs`): natively the `unicode-normalization` crate, in the wasm build with
//! the `js` feature the browser's `String.prototype.normalize`. A wasm build without `js` leaves
//! such strings as they are.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::nf_table::{DECOMP, MARK_CCC};

/// The normalisation form.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Form {
    /// Canonical decomposition, then canonical composition.
    Nfc,
    /// Canonical decomposition.
    Nfd,
}

/// True for the characters the small tables cover completely: U+0000–U+033F, the combining
/// marks U+0345–U+036F, Latin Extended Additional (U+1E00–U+1EFF, all Vietnamese letters),
/// general punctuation U+2010–U+206F and currency signs U+20A0–U+20CF.
pub fn is_handled(c: char) -> bool {
    matches!(c, '\0'..='\u{33f}' | '\u{345}'..='\u{36f}' | '\u{1e00}'..='\u{1eff}' | '\u{2010}'..='\u{206f}' | '\u{20a0}'..='\u{20cf}')
}

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Canonical combining class of a handled character (only the marks U+0300–U+036F have one).
fn ccc(c: char) -> u8 {
    if is_mark(c) {
        MARK_CCC[c as usize - 0x300]
    } else {
        0
    }
}

/// The canonical (single-step) decomposition of `c`, if the table has one.
fn decomposition(c: char) -> Option<(char, char)> {
    let k = u16::try_from(u32::from(c)).ok()?;
    let i = DECOMP.binary_search_by_key(&k, |e| e.0).ok()?;
    let (_, a, b) = DECOMP[i];
    Some((char::from_u32(u32::from(a))?, char::from_u32(u32::from(b))?))
}

fn push_decomposed(c: char, out: &mut Vec<(char, u8)>) {
    match decomposition(c) {
        Some((a, b)) => {
            push_decomposed(a, out);
            out.push((b, ccc(b)));
        }
        None => out.push((c, ccc(c))),
    }
}

/// Primary composition of a pair (`None` when the pair does not compose).
///
/// The second character of every pair in the table is a mark U+0300–U+036F: the pairs are
/// grouped by mark (built once, by counting, no sort) and the group is scanned.
fn compose(a: char, b: char) -> Option<char> {
    struct ByMark {
        start: [u16; 113],
        pairs: Vec<(u16, u16)>,
    }
    static BY_MARK: OnceLock<ByMark> = OnceLock::new();
    let t = BY_MARK.get_or_init(|| {
        let mut start = [0u16; 113];
        for &(_, _, m) in DECOMP {
            if let Some(k) = usize::from(m).checked_sub(0x300).filter(|&k| k < 112) {
                start[k + 1] += 1;
            }
        }
        for k in 0..112 {
            start[k + 1] += start[k];
        }
        let mut fill = start;
        let mut pairs = vec![(0u16, 0u16); usize::from(start[112])];
        for &(c, first, m) in DECOMP {
            if let Some(k) = usize::from(m).checked_sub(0x300).filter(|&k| k < 112) {
                pairs[usize::from(fill[k])] = (first, c);
                fill[k] += 1;
            }
        }
        ByMark { start, pairs }
    });
    let k = (b as usize).checked_sub(0x300).filter(|&k| k < 112)?;
    let a = u16::try_from(u32::from(a)).ok()?;
    let group = t
        .pairs
        .get(usize::from(t.start[k])..usize::from(t.start[k + 1]))?;
    let &(_, c) = group.iter().find(|p| p.0 == a)?;
    char::from_u32(u32::from(c))
}

/// Full canonical decomposition of a string of handled characters, in canonical order.
fn decompose_handled(s: &str) -> Vec<(char, u8)> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        push_decomposed(c, &mut out);
    }
    // Canonical ordering: a stable sort of every run of non-starters by combining class. Runs
    // are a few marks long in real text (an insertion sort), but may be the whole input in
    // hostile text: a long run is sorted by distributing it over its classes, linear in its
    // length (there are at most 256 classes, and the marks of the tables have 15).
    let mut i = 0;
    let mut scratch: Vec<(char, u8)> = Vec::new();
    while i < out.len() {
        if out[i].1 == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < out.len() && out[i].1 != 0 {
            i += 1;
        }
        if let Some(run) = out.get_mut(start..i) {
            sort_by_class(run, &mut scratch);
        }
    }
    out
}

/// Sorts a run of non-starters by combining class, keeping the order of equal classes.
fn sort_by_class(run: &mut [(char, u8)], scratch: &mut Vec<(char, u8)>) {
    const SHORT: usize = 16;
    if run.len() <= SHORT {
        for j in 1..run.len() {
            let mut k = j;
            while k > 0 && run[k - 1].1 > run[k].1 {
                run.swap(k - 1, k);
                k -= 1;
            }
        }
        return;
    }
    let mut present = [false; 256];
    for e in run.iter() {
        present[usize::from(e.1)] = true;
    }
    scratch.clear();
    for class in (0..=255u8).filter(|&c| present[usize::from(c)]) {
        scratch.extend(run.iter().filter(|e| e.1 == class));
    }
    run.copy_from_slice(scratch);
}

fn compose_all(d: &[(char, u8)]) -> String {
    let mut out: Vec<char> = Vec::with_capacity(d.len());
    let mut starter: Option<usize> = None;
    let mut last_ccc = 0u8;
    for &(c, cc) in d {
        if let Some(si) = starter {
            let adjacent = si + 1 == out.len();
            let blocked = !adjacent && (last_ccc == 0 || last_ccc >= cc);
            if !blocked {
                if let Some(comp) = compose(out[si], c) {
                    out[si] = comp;
                    continue;
                }
            }
        }
        if cc == 0 {
            starter = Some(out.len());
        }
        out.push(c);
        last_ccc = cc;
    }
    out.into_iter().collect()
}

/// How a string relates to the small tables.
enum Kind {
    /// Only handled characters and no combining mark: already NFC.
    Composed,
    /// Only handled characters, some combining marks.
    Handled,
    /// Some character the small tables do not cover.
    Other,
}

fn kind(s: &str) -> Kind {
    let mut k = Kind::Composed;
    for c in s.chars() {
        if c < '\u{300}' {
            continue;
        }
        if !is_handled(c) {
            return Kind::Other;
        }
        if is_mark(c) {
            k = Kind::Handled;
        }
    }
    k
}

/// `s` in Unicode Normalization Form C (borrowed when it already is).
pub fn nfc(s: &str) -> Cow<'_, str> {
    match kind(s) {
        Kind::Composed => Cow::Borrowed(s),
        Kind::Handled => Cow::Owned(compose_all(&decompose_handled(s))),
        Kind::Other => Cow::Owned(crate::host::nfc(s)),
    }
}

/// `s` in Unicode Normalization Form D (borrowed when nothing decomposes).
pub fn nfd(s: &str) -> Cow<'_, str> {
    // Below U+00C0 (UTF-8 lead bytes below 0xC3) nothing decomposes.
    if s.bytes().all(|b| b < 0xC3) {
        return Cow::Borrowed(s);
    }
    match kind(s) {
        Kind::Other => Cow::Owned(crate::host::nfd(s)),
        _ => Cow::Owned(decompose_handled(s).into_iter().map(|e| e.0).collect()),
    }
}

/// True if `s` is in NFC.
pub fn is_nfc(s: &str) -> bool {
    match kind(s) {
        Kind::Composed => true,
        _ => nfc(s) == s,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use unicode_normalization::char::{canonical_combining_class, compose as uc_compose};
    use unicode_normalization::UnicodeNormalization;

    fn handled_chars() -> Vec<char> {
        (0u32..=0x20CF)
            .filter_map(char::from_u32)
            .filter(|&c| is_handled(c))
            .collect()
    }

    /// The table file `nf_table.rs` as it should be, from `unicode-normalization`.
    fn generate() -> String {
        let handled = handled_chars();
        let mut entries: std::collections::BTreeMap<u32, (u32, u32)> = Default::default();
        let mut firsts: Vec<char> = handled.clone();
        let mut k = 0;
        while k < firsts.len() {
            let a = firsts[k];
            k += 1;
            for &b in &handled {
                if let Some(c) = uc_compose(a, b) {
                    assert!(u32::from(c) <= 0xFFFF && u32::from(a) <= 0xFFFF);
                    assert_eq!(canonical_combining_class(c), 0, "{c:?}");
                    assert!(
                        is_mark(b),
                        "{a:?} + {b:?}: compose() assumes marks as seconds"
                    );
                    if entries.insert(c.into(), (a.into(), b.into())).is_none() && !is_handled(c) {
                        firsts.push(c);
                    }
                }
            }
        }
        // Every handled character's decomposition must be reachable from the table.
        for &c in &handled {
            let want: String = c.to_string().nfd().collect();
            let mut got = Vec::new();
            push_decomposed_from(&entries, c, &mut got);
            assert_eq!(
                got.iter().collect::<String>().nfd().collect::<String>(),
                want,
                "{c:?}"
            );
            let d: Vec<char> = c.to_string().nfd().collect();
            if d != [c] {
                assert!(
                    entries.contains_key(&u32::from(c)),
                    "{c:?} decomposes but is not a composite"
                );
            }
            if !is_mark(c) {
                assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            }
        }
        let mut t = String::from(
            "// @generated by the test `text::nf::tests::table_is_current` from unicode-normalization\n\
             // (TTHC_WRITE_NF_TABLE=1 cargo test --lib nf::tests rewrites it). Do not edit by hand.\n\n\
             /// (character, first, second): canonical single-step decompositions, sorted; every one is a\n\
             /// primary composite, so the pairs are also the composition table.\n\
             pub(super) const DECOMP: &[(u16, u16, u16)] = &[\n",
        );
        for (c, (a, b)) in &entries {
            t += &format!("    (0x{c:04X}, 0x{a:04X}, 0x{b:04X}),\n");
        }
        t += "];\n\n/// Canonical combining classes of U+0300–U+036F.\npub(super) const MARK_CCC: [u8; 112] = [\n";
        for row in (0x300u32..0x370).collect::<Vec<_>>().chunks(16) {
            let cells: Vec<String> = row
                .iter()
                .map(|&c| canonical_combining_class(char::from_u32(c).unwrap()).to_string())
                .collect();
            t += &format!("    {},\n", cells.join(", "));
        }
        t += "];\n";
        t
    }

    fn push_decomposed_from(
        entries: &std::collections::BTreeMap<u32, (u32, u32)>,
        c: char,
        out: &mut Vec<char>,
    ) {
        match entries.get(&u32::from(c)) {
            Some(&(a, b)) => {
                push_decomposed_from(entries, char::from_u32(a).unwrap(), out);
                out.push(char::from_u32(b).unwrap());
            }
            None => out.push(c),
        }
    }

    #[test]
    fn table_is_current() {
        let want = generate();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/text/nf_table.rs");
        if std::env::var_os("TTHC_WRITE_NF_TABLE").is_some() {
            std::fs::write(path, &want).unwrap();
        }
        let have = std::fs::read_to_string(path).unwrap();
        assert!(
            have == want,
            "src/text/nf_table.rs is stale: rerun with TTHC_WRITE_NF_TABLE=1"
        );
    }

    fn check(s: &str) {
        assert_eq!(nfc(s), s.nfc().collect::<String>(), "nfc {s:?}");
        assert_eq!(nfd(s), s.nfd().collect::<String>(), "nfd {s:?}");
        assert_eq!(is_nfc(s), unicode_normalization::is_nfc(s), "is_nfc {s:?}");
    }

    #[test]
    fn every_handled_char_alone_and_with_every_mark() {
        let handled = handled_chars();
        let marks: Vec<char> = handled.iter().copied().filter(|&c| is_mark(c)).collect();
        for &c in &handled {
            check(&c.to_string());
            for &m in &marks {
                check(&format!("{c}{m}"));
            }
        }
    }

    #[test]
    fn vietnamese_letters_with_two_marks_in_both_orders() {
        let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
        let shapes = [
            '\u{302}', '\u{306}', '\u{31b}', '\u{308}', '\u{30c}', '\u{327}',
        ];
        for base in "aeiouyAEIOUYđĐăâêôơưĂÂÊÔƠƯ".chars() {
            for t in tones {
                for s in shapes {
                    check(&format!("{base}{t}{s}x"));
                    check(&format!("{base}{s}{t}"));
                    check(&format!("{base}{t}{t}{s}"));
                    check(&format!("{base}{s}\u{34f}{t}"));
                }
            }
        }
    }

    #[test]
    fn other_scripts_go_to_the_full_tables() {
        for s in [
            "Ελληνικά ά",
            "\u{3b1}\u{301}",
            "한국어",
            "\u{1100}\u{1161}",
            "Å Ω",
            "e\u{344}",
            "ê\u{340}",
        ] {
            check(s);
        }
    }

    #[test]
    fn random_strings_match_unicode_normalization() {
        let alphabet: Vec<char> = "aAeEoOuUyYdDđĐăâêôơưĂÂÊÔƠƯ ¨´.-ệẸễ\u{300}\u{301}\u{302}\u{303}\u{306}\u{309}\u{31b}\u{323}\u{308}\u{34f}\u{345}\u{35c}\u{327}\u{328}\u{30a}"
            .chars()
            .collect();
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..200_000 {
            let mut s = String::new();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let n = (x % 7) as usize;
            for _ in 0..n {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push(alphabet[(x % alphabet.len() as u64) as usize]);
            }
            check(&s);
        }
    }

    /// Long runs of marks (sorted by distribution, not by insertion) in canonical order.
    #[test]
    fn long_mark_runs_match_unicode_normalization() {
        let marks: Vec<char> = "\u{300}\u{301}\u{302}\u{303}\u{306}\u{309}\u{31b}\u{323}\u{308}\u{34f}\u{345}\u{35c}\u{327}\u{328}\u{30a}\u{31a}\u{35d}"
            .chars()
            .collect();
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for n in [15, 16, 17, 40, 300, 2000] {
            for _ in 0..20 {
                let mut s = String::from("ê");
                for _ in 0..n {
                    s.push(marks[(next() % marks.len() as u64) as usize]);
                }
                s.push('o');
                s.push('\u{31b}');
                check(&s);
            }
        }
    }
}
