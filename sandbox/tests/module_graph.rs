//! The sandbox's modules import one another in one direction only: no import cycles, in the host (`sandbox/src`) or
//! in the core (`sandbox/core/src`).
//!
//! Each source file is a node (`lib.rs` is the crate root, `x/mod.rs` is `x`). Every path a file names — in `use`
//! declarations (braces expanded) and inline in code (`crate::a::b`, `super::c`) — becomes an edge to the deepest
//! module that path goes through; a name the crate root defines or re-exports makes an edge to the root. Comments,
//! test code (from a `#[cfg(test)]` line on, and `tests.rs` files) and the binary's `main.rs` do not count. The
//! strongly connected components of that graph must all be single files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

#[test]
fn the_host_has_no_import_cycles() {
    assert_acyclic(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
}

#[test]
fn the_core_has_no_import_cycles() {
    assert_acyclic(&Path::new(env!("CARGO_MANIFEST_DIR")).join("core/src"));
}

#[test]
fn the_checker_finds_a_cycle() {
    let files = [
        ("lib.rs", "mod a;\nmod b;\npub use a::Thing;"),
        ("a.rs", "use crate::b::{self, Other};\npub struct Thing;"),
        ("b/mod.rs", "pub struct Other;\nfn f() -> crate::a::Thing { super::a::Thing }"),
        ("c.rs", "use crate::Thing;\n#[cfg(test)]\nmod tests { use crate::b::Other; }"),
    ];
    let sources: Vec<(String, String)> = files.iter().map(|(p, s)| (p.to_string(), s.to_string())).collect();
    let graph = graph(&sources);
    assert_eq!(graph["c"], BTreeSet::from(["crate".to_owned()]), "a root re-export is an edge to the root");
    assert_eq!(cycles(&graph), vec![vec!["a".to_owned(), "b".to_owned()]]);
}

fn assert_acyclic(dir: &Path) {
    let sources = read_sources(dir);
    assert!(sources.len() >= 3, "too few sources under {}", dir.display());
    let graph = graph(&sources);
    let cycles = cycles(&graph);
    let edges: usize = graph.values().map(BTreeSet::len).sum();
    eprintln!("{}: {} modules, {edges} import edges, {} cycles", dir.display(), graph.len(), cycles.len());
    let described: Vec<String> = cycles
        .iter()
        .map(|members| {
            let inner: Vec<String> = members
                .iter()
                .flat_map(|from| {
                    graph[from].iter().filter(|to| members.contains(to)).map(move |to| format!("{from} -> {to}"))
                })
                .collect();
            format!("{{{}}}: {}", members.join(", "), inner.join("; "))
        })
        .collect();
    assert!(cycles.is_empty(), "import cycles in {}:\n{}", dir.display(), described.join("\n"));
}

fn read_sources(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut pending: Vec<PathBuf> = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(&next).expect("a source directory") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                let relative =
                    path.strip_prefix(dir).expect("inside the directory").to_string_lossy().replace('\\', "/");
                files.push((relative, std::fs::read_to_string(&path).expect("a readable file")));
            }
        }
    }
    files.sort();
    files
}

/// `routes/mod.rs` → `routes`, `routes/trade.rs` → `routes::trade`, `lib.rs` → `crate`.
fn module_of(relative: &str) -> Option<String> {
    let stem = relative.strip_suffix(".rs")?;
    if stem == "lib" {
        return Some("crate".to_owned());
    }
    if stem == "main" || stem.ends_with("/tests") || stem == "tests" {
        return None;
    }
    Some(stem.strip_suffix("/mod").unwrap_or(stem).replace('/', "::"))
}

fn graph(sources: &[(String, String)]) -> Graph {
    let modules: BTreeMap<String, &str> =
        sources.iter().filter_map(|(path, text)| Some((module_of(path)?, text.as_str()))).collect();
    let known: BTreeSet<&str> = modules.keys().map(String::as_str).collect();
    let mut graph = Graph::new();
    for (module, text) in &modules {
        let code = strip(text);
        let edges = graph.entry(module.clone()).or_default();
        for path in paths(&code) {
            if let Some(target) = resolve(module, &path, &known) {
                if target != *module {
                    edges.insert(target);
                }
            }
        }
    }
    graph
}

/// The code without comments, string literals and test code.
fn strip(text: &str) -> String {
    let mut text = text;
    let mut offset = 0;
    while let Some(found) = text[offset..].find("#[cfg(test)]") {
        let at = offset + found;
        let next: String = text[at + 12..].split_whitespace().take(3).collect::<Vec<_>>().join(" ");
        if next.starts_with("mod tests {") {
            text = &text[..at];
            break;
        }
        offset = at + 12;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                // A char literal ('x', '\n', '"') is dropped; a lifetime ('a) is kept.
                let mut ahead = chars.clone();
                match (ahead.next(), ahead.next()) {
                    (Some('\\'), _) => {
                        chars.next();
                        for c in chars.by_ref() {
                            if c == '\'' {
                                break;
                            }
                        }
                    }
                    (Some(_), Some('\'')) => {
                        chars.next();
                        chars.next();
                    }
                    _ => out.push(c),
                }
            }
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                let mut previous = ' ';
                for c in chars.by_ref() {
                    if previous == '*' && c == '/' {
                        break;
                    }
                    previous = c;
                }
            }
            '"' => {
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => drop(chars.next()),
                        '"' => break,
                        _ => {}
                    }
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

/// Every path a file names: `use` trees expanded, plus inline paths (`crate::a::b`, `super::c`, `child::d`).
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(start) = find_keyword(rest, "use") {
        let after = &rest[start + 3..];
        let Some(end) = after.find(';') else { break };
        // `a as b` becomes `a@b`, so the rename survives removing whitespace.
        let tree: String =
            after[..end].split_whitespace().map(|token| if token == "as" { "@" } else { token }).collect();
        expand(&tree, &mut Vec::new(), &mut found);
        rest = &after[end..];
    }
    // Inline paths: every `a::b…` that starts at an identifier boundary (not in the middle of a longer path).
    let mut offset = 0;
    while let Some(found_at) = code[offset..].find("::") {
        let at = offset + found_at;
        offset = at + 2;
        let start = code[..at].rfind(|c: char| !(c.is_alphanumeric() || c == '_')).map_or(0, |i| i + 1);
        if start == at || code[..start].ends_with("::") {
            continue;
        }
        let path: String =
            code[start..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
        found.push(path.split("::").filter(|s| !s.is_empty()).map(str::to_owned).collect());
    }
    found
}

fn find_keyword(text: &str, keyword: &str) -> Option<usize> {
    let mut offset = 0;
    while let Some(found) = text[offset..].find(keyword) {
        let at = offset + found;
        let before = text[..at].chars().next_back().is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        let after = text[at + keyword.len()..].chars().next().is_some_and(char::is_whitespace);
        if before && after {
            return Some(at);
        }
        offset = at + keyword.len();
    }
    None
}

/// Expands a `use` tree (whitespace removed) into full paths.
fn expand(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let tree = tree.trim_start_matches("::");
    if let Some(open) = tree.find('{') {
        let head = &tree[..open];
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let pushed: Vec<String> = head.split("::").filter(|s| !s.is_empty()).map(str::to_owned).collect();
        let depth = prefix.len();
        prefix.extend(pushed);
        for part in split_top_level(inner) {
            if part == "self" {
                out.push(prefix.clone());
            } else if !part.is_empty() {
                expand(part, prefix, out);
            }
        }
        prefix.truncate(depth);
    } else {
        let path = tree.split('@').next().unwrap_or(tree);
        let mut full = prefix.clone();
        full.extend(path.split("::").filter(|s| !s.is_empty() && *s != "*").map(str::to_owned));
        out.push(full);
    }
}

fn split_top_level(inner: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
}

/// The deepest known module `path` (as written in `module`) goes through; `None` for other crates.
fn resolve(module: &str, path: &[String], known: &BTreeSet<&str>) -> Option<String> {
    let mut current: Vec<String> =
        if module == "crate" { Vec::new() } else { module.split("::").map(str::to_owned).collect() };
    let mut segments = path.iter().peekable();
    match segments.peek().map(|s| s.as_str()) {
        Some("crate") => {
            current.clear();
            segments.next();
        }
        Some("super") => {
            while segments.peek().is_some_and(|s| *s == "super") {
                current.pop();
                segments.next();
            }
        }
        Some("self") => {
            segments.next();
        }
        Some(first) => {
            // A bare first segment is a child module of this one, or another crate.
            let mut child = current.clone();
            child.push(first.to_owned());
            if !known.contains(child.join("::").as_str()) {
                return None;
            }
        }
        None => return None,
    }
    let mut deepest = current.clone();
    for segment in segments {
        current.push(segment.clone());
        if known.contains(current.join("::").as_str()) {
            deepest = current.clone();
        }
    }
    Some(if deepest.is_empty() { "crate".to_owned() } else { deepest.join("::") })
}

/// Strongly connected components with more than one module (Tarjan's algorithm), each sorted.
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(walk: &mut Walk<'a>, node: &'a str) {
        let n = walk.index.len();
        walk.index.insert(node, n);
        walk.low.insert(node, n);
        walk.stack.push(node);
        walk.on_stack.insert(node);
        let graph = walk.graph;
        for next in graph.get(node).into_iter().flatten() {
            let next = next.as_str();
            if !walk.index.contains_key(next) {
                visit(walk, next);
                let low = walk.low[node].min(walk.low[next]);
                walk.low.insert(node, low);
            } else if walk.on_stack.contains(next) {
                let low = walk.low[node].min(walk.index[next]);
                walk.low.insert(node, low);
            }
        }
        if walk.low[node] == walk.index[node] {
            let mut members = Vec::new();
            while let Some(top) = walk.stack.pop() {
                walk.on_stack.remove(top);
                members.push(top.to_owned());
                if top == node {
                    break;
                }
            }
            if members.len() > 1 {
                members.sort();
                walk.found.push(members);
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for node in graph.keys() {
        if !walk.index.contains_key(node.as_str()) {
            visit(&mut walk, node);
        }
    }
    walk.found.sort();
    walk.found
}
