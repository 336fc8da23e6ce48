//! The crate's imports run one way: no module imports another that (directly or through others) imports it back,
//! and the request pipeline is layered façade → features → prepare → call → what a call uses (policies, I/O). Read from the source: every
//! `crate::`, `$crate::` and `super::` path in `src/` (test modules included) is an edge between files.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module path (`["api", "trade"]`) → file, for every `.rs` file under `src/`.
fn modules(src: &Path) -> BTreeMap<Vec<String>, PathBuf> {
    fn walk(dir: &Path, prefix: &[String], out: &mut BTreeMap<Vec<String>, PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                walk(&path, &[prefix, &[name]].concat(), out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let module = match name.as_str() {
                    "lib" | "mod" => prefix.to_vec(),
                    _ => [prefix, &[name]].concat(),
                };
                out.insert(module, path);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(src, &[], &mut out);
    out
}

/// Every path a file names, as segments relative to the crate root, with `use` groups expanded.
fn paths(text: &str, module: &[String], is_mod_file: bool) -> Vec<Vec<String>> {
    // Line comments go: their words are not imports.
    let code: String = text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    // Inside an inline `mod tests { … }`, `super` is the file's own module.
    let tests_from = code.find("mod tests {").unwrap_or(code.len());
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let start = ["$crate::", "crate::", "super::"].iter().find(|p| rest.starts_with(**p));
        let boundary = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        match start {
            Some(prefix) if boundary || prefix.starts_with('$') => {
                // The path runs over identifiers, `::` and one level of `{…}` groups.
                let mut end = i + prefix.len();
                let mut depth = 0;
                while end < code.len() {
                    let c = bytes[end];
                    match c {
                        b'{' => depth += 1,
                        b'}' if depth > 0 => depth -= 1,
                        b'}' => break,
                        _ if depth > 0 => {}
                        _ if c.is_ascii_alphanumeric() || c == b'_' || c == b':' => {}
                        _ => break,
                    }
                    end += 1;
                }
                let base: Vec<String> = if prefix.contains("super") && i > tests_from {
                    module.to_vec()
                } else if prefix.contains("super") {
                    let parent = if is_mod_file { module.len().saturating_sub(1) } else { module.len() - 1 };
                    module[..parent].to_vec()
                } else {
                    Vec::new()
                };
                expand(&code[i + prefix.len()..end], &base, &mut out);
                i = end.max(i + 1);
            }
            _ => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

/// `a::{b, c::d}` → `a::b`, `a::c::d`.
fn expand(path: &str, base: &[String], out: &mut Vec<Vec<String>>) {
    let (head, group) = match path.find('{') {
        Some(at) => (&path[..at], Some(path[at + 1..].strip_suffix('}').unwrap_or(&path[at + 1..]))),
        None => (path, None),
    };
    let mut segments = base.to_vec();
    segments.extend(head.split("::").filter(|s| !s.is_empty() && *s != "self").map(str::to_owned));
    match group {
        None => out.push(segments),
        Some(group) => {
            let mut depth = 0;
            let mut from = 0;
            for (at, c) in group.char_indices().chain([(group.len(), ',')]) {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        let item = group[from..at].trim();
                        if !item.is_empty() {
                            let item = item.split(" as ").next().unwrap_or(item);
                            expand(item, &segments, out);
                        }
                        from = at + 1;
                    }
                    _ => {}
                }
            }
            out.push(segments);
        }
    }
}

/// File-level import graph: module → the modules it names (itself excluded).
fn graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = modules(&src);
    let mut graph = BTreeMap::new();
    for (module, file) in &modules {
        let text = std::fs::read_to_string(file).unwrap();
        let is_mod_file = matches!(file.file_stem().and_then(|s| s.to_str()), Some("mod" | "lib"));
        let mut targets = BTreeSet::new();
        for path in paths(&text, module, is_mod_file) {
            // The longest prefix of the path that is a module file.
            let target = (1..=path.len()).rev().map(|n| path[..n].to_vec()).find(|p| modules.contains_key(p));
            if let Some(target) = target.filter(|t| t != module && !t.is_empty()) {
                targets.insert(target);
            }
        }
        graph.insert(module.clone(), targets);
    }
    graph
}

fn name(module: &[String]) -> String {
    if module.is_empty() {
        "lib".into()
    } else {
        module.join("::")
    }
}

/// A cycle, if any, as a list of modules.
fn find_cycle(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Option<Vec<String>> {
    fn visit(
        node: &Vec<String>,
        graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        state: &mut BTreeMap<Vec<String>, u8>,
        stack: &mut Vec<Vec<String>>,
    ) -> Option<Vec<String>> {
        match state.get(node) {
            Some(2) => return None,
            Some(1) => {
                let at = stack.iter().position(|n| n == node).unwrap();
                return Some(stack[at..].iter().chain([node]).map(|m| name(m)).collect());
            }
            _ => {}
        }
        state.insert(node.clone(), 1);
        stack.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, state, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        state.insert(node.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    graph.keys().find_map(|node| visit(node, graph, &mut state, &mut Vec::new()))
}

#[test]
fn the_reader_sees_grouped_and_relative_imports() {
    let module = vec!["api".to_owned(), "trade".to_owned()];
    let found = paths(
        "use crate::validate::{self, schema::{Check, Rule}};\nuse super::orders::Order; // crate::not_this\nx($crate::ts::cat!())",
        &module,
        false,
    );
    let found: Vec<String> = found.iter().map(|p| p.join("::")).collect();
    for expected in ["validate", "validate::schema::Check", "validate::schema::Rule", "api::orders::Order", "ts::cat"] {
        assert!(found.iter().any(|f| f == expected), "{expected} not in {found:?}");
    }
    assert!(!found.iter().any(|f| f.contains("not_this")), "{found:?}");
}

#[test]
fn no_module_imports_itself_back() {
    let graph = graph();
    assert!(graph.len() > 30, "read {} modules", graph.len());
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import cycle: {}", cycle.join(" → "));
    }
}

#[test]
fn the_pipeline_is_layered() {
    // Each layer may import the layers after it, never one before it.
    let layers: &[&[&str]] = &[
        &["lib", "client"],
        &["quote", "pages"],
        &["prepare"],
        &["call"],
        &["exactly_once", "retry", "digest", "hooks", "envelope", "http"],
    ];
    let rank = |module: &str| layers.iter().position(|layer| layer.contains(&module));
    let graph = graph();
    for (module, targets) in &graph {
        let Some(from) = rank(&name(module)) else { continue };
        for target in targets {
            if let Some(to) = rank(&name(target)) {
                assert!(to >= from, "{} imports {}, a layer above it", name(module), name(target));
            }
        }
    }
}
