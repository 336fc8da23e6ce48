//! What every call of one client shares: the transport (config, Digest session, hooks) and the book of quotes it has
//! been given, so a buy with a quote known to have expired is refused before any network I/O.

use std::cell::RefCell;

use crate::call::{self, ExpiredQuotes, Payload, Prepared};
use crate::error::MintedError;
use crate::registry::Operation;
use crate::transport::{clock, Transport};

/// How many recent quotes a client remembers.
const BOOK_SIZE: usize = 256;

/// A client's shared state.
pub struct Session {
    pub transport: Transport,
    pub quotes: QuoteBook,
}

impl Session {
    pub fn new(transport: Transport) -> Self {
        Self { transport, quotes: QuoteBook::default() }
    }

    /// Prepares a call of this client (see [`call::prepare`]).
    pub fn prepare(
        &self,
        op: &'static Operation,
        path_value: Option<&str>,
        payload: Payload,
        signal: Option<web_sys::AbortSignal>,
    ) -> Result<Prepared, MintedError> {
        call::prepare(&self.transport, &self.quotes, op, path_value, payload, signal)
    }
}

/// Tokens this client has been given, with their local deadlines.
#[derive(Default)]
pub struct QuoteBook(RefCell<Vec<(String, f64)>>);

impl QuoteBook {
    pub fn remember(&self, token: &str, deadline_ms: f64) {
        let mut book = self.0.borrow_mut();
        book.retain(|(t, _)| t != token);
        if book.len() >= BOOK_SIZE {
            book.remove(0);
        }
        book.push((token.to_owned(), deadline_ms));
    }

    /// `Some(true)` when the token is known and past its deadline; `None` when the client never saw it.
    pub fn is_expired_at(&self, token: &str, now_ms: f64) -> Option<bool> {
        self.0.borrow().iter().find(|(t, _)| t == token).map(|(_, deadline)| now_ms >= *deadline)
    }
}

impl ExpiredQuotes for QuoteBook {
    fn is_expired(&self, token: &str) -> bool {
        self.is_expired_at(token, clock::now_ms()) == Some(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_book_knows_expired_tokens_and_forgets_old_ones() {
        let book = QuoteBook::default();
        book.remember("a", 100.0);
        assert_eq!(book.is_expired_at("a", 99.0), Some(false));
        assert_eq!(book.is_expired_at("a", 100.0), Some(true));
        assert_eq!(book.is_expired_at("b", 0.0), None);
        for i in 0..BOOK_SIZE {
            book.remember(&format!("t{i}"), 1.0);
        }
        assert_eq!(book.is_expired_at("a", 0.0), None);
        assert_eq!(book.is_expired_at(&format!("t{}", BOOK_SIZE - 1), 0.0), Some(false));
    }
}
