//! TypeScript text built at compile time. The model, value-set and registry macros write their declarations with
//! [`cat!`], a `concat!` for constant expressions (`<Order as Model>::TS` as well as literals), and wasm-bindgen puts
//! the result in the shipped `.d.ts`. Nothing here reaches the wasm code: the text lives in a custom section that
//! wasm-bindgen consumes.

/// Total length of `parts` in bytes.
pub const fn total_len(parts: &[&str]) -> usize {
    let mut total = 0;
    let mut i = 0;
    while i < parts.len() {
        #[allow(clippy::indexing_slicing)] // compile-time only: a bad index is a build error
        let part = parts[i];
        total += part.len();
        i += 1;
    }
    total
}

/// `parts` joined into an array of exactly `N` bytes (`N` is [`total_len`] of the same parts).
#[allow(clippy::indexing_slicing)] // compile-time only: a bad index is a build error
pub const fn join<const N: usize>(parts: &[&str]) -> [u8; N] {
    let mut out = [0u8; N];
    let mut at = 0;
    let mut i = 0;
    while i < parts.len() {
        let bytes = parts[i].as_bytes();
        let mut j = 0;
        while j < bytes.len() {
            out[at] = bytes[j];
            at += 1;
            j += 1;
        }
        i += 1;
    }
    out
}

/// Concatenates constant `&str` expressions into a `&'static str` at compile time.
macro_rules! cat {
    ($($part:expr),* $(,)?) => {{
        const PARTS: &[&str] = &[$($part),*];
        const BYTES: [u8; $crate::ts::total_len(PARTS)] = $crate::ts::join(PARTS);
        #[allow(clippy::panic)] // compile-time only: joined UTF-8 is UTF-8
        const TEXT: &str = match ::core::str::from_utf8(&BYTES) {
            Ok(text) => text,
            Err(_) => panic!("not UTF-8"),
        };
        TEXT
    }};
}
pub(crate) use cat;

/// A `/** … */` block from doc-comment lines (each line as `///` gives it, with its leading space), indented by
/// `$indent`. Nothing when there are no lines.
macro_rules! doc_block {
    ($indent:literal;) => { "" };
    ($indent:literal; $($line:expr),+) => {
        $crate::ts::cat!($indent, "/**\n", $($indent, " *", $line, "\n",)+ $indent, " */\n")
    };
}
pub(crate) use doc_block;

/// `"a" | "b" | "c"` from string literals.
macro_rules! union {
    ($first:literal $(, $rest:literal)* $(,)?) => {
        $crate::ts::cat!("\"", $first, "\"" $(, " | \"", $rest, "\"")*)
    };
}
pub(crate) use union;

#[cfg(test)]
mod tests {
    #[test]
    fn concatenates_constants_and_literals() {
        const NAME: &str = "Order";
        const TEXT: &str = cat!("export interface ", NAME, " {}", "ş");
        assert_eq!(TEXT, "export interface Order {}ş");
        assert_eq!(cat!(), "");
        assert_eq!(union!("asc", "desc"), "\"asc\" | \"desc\"");
        assert_eq!(doc_block!("  "; " One.", " Two."), "  /**\n   * One.\n   * Two.\n   */\n");
        assert_eq!(doc_block!("  ";), "");
    }
}
