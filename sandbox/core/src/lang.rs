//! The response language.

use crate::http::Headers;

/// English when `Accept-Language` starts with `en`, Turkish (the API's default) otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Tr,
    En,
}

impl Lang {
    pub fn from_headers(headers: &Headers) -> Self {
        let value = headers.get("accept-language").unwrap_or("");
        if value.trim_start().get(..2).is_some_and(|prefix| prefix.eq_ignore_ascii_case("en")) {
            Self::En
        } else {
            Self::Tr
        }
    }

    /// Picks the text for this language.
    pub fn pick(self, tr: impl Into<String>, en: impl Into<String>) -> String {
        match self {
            Self::Tr => tr.into(),
            Self::En => en.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_only_when_asked_first() {
        for (value, lang) in [("en-GB,tr;q=0.5", Lang::En), ("EN", Lang::En), ("tr", Lang::Tr), ("de, en", Lang::Tr)] {
            let headers: Headers = [("Accept-Language", value)].into_iter().collect();
            assert_eq!(Lang::from_headers(&headers), lang, "{value}");
        }
        assert_eq!(Lang::from_headers(&Headers::new()), Lang::Tr);
    }
}
