//! The crate's layers, checked from its source: every top-level module of `src/` may use only
//! modules of a lower layer, so the imports draw no upward arrow and no cycle. The order is
//! written once, in [`LAYERS`]; DESIGN.md ("Layers") says the same in words.
//!
//! A module's imports are its `crate::…` and `super::…` paths (in `use` declarations and in
//! code), comments left out. The crate root's re-exports (`crate::Error` …) count as the module
//! they come from.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The layers, bottom first. A module may use the modules of the layers below its own, never
/// one of its own layer or above.
const LAYERS: &[&[&str]] = &[
    // The host's services (native or the browser's), the error type, the shared sort, messages.
    &["host", "error", "sort", "message"],
    // Text (normalisation, case, folding, numbers) and contract dates.
    &["text", "datetime"],
    // The administrative units.
    &["units"],
    // Identifier checks and the working calendar (with its due dates).
    &["identifiers", "calendar"],
    // The procedure catalog, forms, reading exports.
    &["deadline", "forms", "ingest"],
    // Statistics.
    &["stats"],
    // The JavaScript binding, which nothing in the core uses.
    &["js"],
];

/// Names the crate root re-exports, and the module each comes from.
const ROOT_REEXPORTS: &[(&str, &str)] = &[
    ("Error", "error"),
    ("ErrorKind", "error"),
    ("Result", "error"),
];

/// The module path of a source file: `src/a/b.rs` → `[a, b]`, `src/a/mod.rs` → `[a]`.
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.pop() {
        let stem = last.trim_end_matches(".rs").to_string();
        if stem != "mod" {
            parts.push(stem);
        }
    }
    parts
}

/// The text of a source file without its comments (`//` to the end of the line, which also
/// drops doc comments and their intra-doc links).
fn code_without_comments(text: &str) -> String {
    text.lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn identifier_at(s: &str) -> &str {
    let end = s.find(|c: char| !is_ident_char(c)).unwrap_or(s.len());
    &s[..end]
}

/// The first path segment of each entry of a `{a, b::c, D}` group that starts `s`.
fn group_heads(s: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0usize;
    let mut entry_start = true;
    for (i, c) in s.char_indices() {
        match c {
            '{' => {
                depth += 1;
                entry_start = depth == 1;
            }
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => entry_start = true,
            c if depth == 1 && entry_start && is_ident_char(c) => {
                heads.push(identifier_at(&s[i..]).to_string());
                entry_start = false;
            }
            _ => {}
        }
    }
    heads
}

/// The top-level modules a file's code refers to (its own included).
fn referenced_top_modules(code: &str, path: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    for (at, _) in code.match_indices("crate::") {
        if at > 0 && (is_ident_char(bytes[at - 1] as char) || bytes[at - 1] == b'$') {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        if rest.starts_with('{') {
            found.extend(group_heads(rest));
        } else {
            found.push(identifier_at(rest).to_string());
        }
    }
    for (at, _) in code.match_indices("super::") {
        if at > 0 && (is_ident_char(bytes[at - 1] as char) || code[..at].ends_with("super::")) {
            continue;
        }
        let mut rest = &code[at..];
        let mut levels = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            levels += 1;
            rest = r;
        }
        // A file's own module is `path`; `super` of its top-level module is the crate root.
        if levels >= path.len() {
            if rest.starts_with('{') {
                found.extend(group_heads(rest));
            } else {
                found.push(identifier_at(rest).to_string());
            }
        }
    }
    found
}

/// Top-level module → the other top-level modules it uses, and where (file) it does.
fn import_graph() -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut dirs = vec![src.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).expect("src/ is readable") {
            let p = entry.expect("a directory entry").path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                files.push(p);
            }
        }
    }
    let mut graph: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(&src).expect("under src/").to_path_buf();
        let path = module_path(&relative);
        let Some(top) = path.first().cloned() else {
            continue;
        };
        if top == "lib" {
            continue;
        }
        let text = fs::read_to_string(&file).expect("a readable source file");
        let uses = graph.entry(top.clone()).or_default();
        for name in referenced_top_modules(&code_without_comments(&text), &path) {
            if name.is_empty() {
                continue; // `super::*` of a top-level module's tests, `crate::*`
            }
            let module = ROOT_REEXPORTS
                .iter()
                .find(|(reexport, _)| *reexport == name)
                .map_or(name, |(_, module)| module.to_string());
            if module != top {
                uses.entry(module)
                    .or_default()
                    .insert(relative.display().to_string());
            }
        }
    }
    graph
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

#[test]
fn the_scan_sees_the_imports_it_should() {
    let graph = import_graph();
    let uses = |from: &str, to: &str| graph.get(from).is_some_and(|m| m.contains_key(to));
    // Known arrows of different shapes: `use crate::x::…`, `crate::{…}` groups, `crate::Error`.
    assert!(uses("forms", "identifiers"));
    assert!(uses("deadline", "calendar"));
    assert!(uses("calendar", "error"));
    assert!(uses("js", "forms"));
    assert!(uses("text", "host"));
    // And a file's own module is not an import.
    assert!(!uses("forms", "forms"));
}

#[test]
fn every_module_has_a_layer_and_every_name_is_a_module() {
    let graph = import_graph();
    for (module, uses) in &graph {
        assert!(
            layer_of(module).is_some(),
            "src/{module} is in no layer: add it to LAYERS (tests/architecture.rs) and DESIGN.md"
        );
        for (used, files) in uses {
            assert!(
                graph.contains_key(used),
                "`crate::{used}` (in {files:?}) is neither a top-level module nor a known root re-export"
            );
        }
    }
}

#[test]
fn modules_use_only_lower_layers() {
    let graph = import_graph();
    let mut upward = Vec::new();
    for (module, uses) in &graph {
        let Some(own) = layer_of(module) else {
            continue;
        };
        for (used, files) in uses {
            if layer_of(used).is_none_or(|l| l >= own) {
                upward.push(format!("{module} → {used}, in {files:?}"));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that do not go down the layers of tests/architecture.rs:\n{}",
        upward.join("\n")
    );
}

#[test]
fn no_cycle_between_top_level_modules() {
    let graph = import_graph();
    // Depth-first search with the path kept: a module met again on the path closes a cycle.
    fn visit(
        module: &str,
        graph: &BTreeMap<String, BTreeMap<String, BTreeSet<String>>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|m| m == module) {
            let mut cycle = path[i..].to_vec();
            cycle.push(module.to_string());
            return Some(cycle);
        }
        if done.contains(module) {
            return None;
        }
        path.push(module.to_string());
        for used in graph.get(module).into_iter().flat_map(|m| m.keys()) {
            if let Some(cycle) = visit(used, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(module.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        if let Some(cycle) = visit(module, &graph, &mut Vec::new(), &mut done) {
            panic!("a cycle between top-level modules: {}", cycle.join(" → "));
        }
    }
}
