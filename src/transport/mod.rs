//! From a resolved route to a complete HTTP exchange: headers, Digest authentication (with nonce reuse), and the
//! one place where attempts are made. Retries, hooks and idempotency slot in here without touching call sites.

pub mod clock;
pub mod digest;
pub mod http;

use std::cell::RefCell;

use crate::config::Config;
use crate::error::{ErrorKind, MintedError};
use crate::routes::Resolved;
use crate::validate::Language;
use digest::DigestSession;
use http::{HttpRequest, HttpResponse};

/// One call, ready to send.
pub struct Call {
    pub route: Resolved,
    /// The filled path with its query string, percent-encoded, starting with `/`.
    pub path: String,
    pub body: Option<String>,
    pub signal: Option<web_sys::AbortSignal>,
}

/// The client's connection state: configuration and the Digest nonce in use.
pub struct Transport {
    pub config: Config,
    session: RefCell<DigestSession>,
}

/// Upper bound on exchanges for one call: unsigned, signed, and one more after a `stale` nonce.
const MAX_AUTH_EXCHANGES: usize = 3;

impl Transport {
    pub fn new(config: Config) -> Self {
        Self { config, session: RefCell::new(DigestSession::default()) }
    }

    /// The headers every request carries, before `Authorization`.
    pub fn base_headers(&self, route: &Resolved, has_body: bool) -> Vec<(&'static str, String)> {
        let mut headers = vec![
            ("api-version", route.api_version.to_string()),
            ("x-client-id", self.config.client_id.clone()),
            (
                "Accept-Language",
                match self.config.language {
                    Language::Tr => "tr",
                    Language::En => "en",
                }
                .to_owned(),
            ),
            ("Accept", "application/json".to_owned()),
        ];
        if has_body {
            headers.push(("Content-Type", "application/json".to_owned()));
        }
        headers
    }

    /// Sends a call, answering Digest challenges. Reuses the current nonce (with `nc` + 1) so steady traffic costs
    /// one round trip per call; a `401` triggers one signed retry with the new challenge, and a `stale` nonce one
    /// more. Rejected credentials end in a `MintedError` of kind `auth`.
    pub async fn send(&self, call: &Call) -> Result<HttpResponse, MintedError> {
        let url = format!("{}{}", self.config.base_url, call.path);
        let digest_uri = format!("{}{}", self.config.base_path, call.path);
        let method = call.route.method.as_str();
        let mut answered_fresh_challenge = false;
        for _ in 0..MAX_AUTH_EXCHANGES {
            let mut headers = self.base_headers(&call.route, call.body.is_some());
            if let Some((user, password)) = &self.config.credentials {
                if let Some(value) = self.session.borrow_mut().authorize(user, password, method, &digest_uri) {
                    headers.push(("Authorization", value));
                }
            }
            let sent_authorization =
                headers.iter().find(|(name, _)| *name == "Authorization").map(|(_, value)| value.clone());
            let signed = sent_authorization.is_some();
            let mut response = http::send(&HttpRequest {
                method: call.route.method,
                url: &url,
                headers: &headers,
                body: call.body.as_deref(),
                timeout_ms: self.config.timeout_ms,
                signal: call.signal.as_ref(),
            })
            .await?;
            response.sent_authorization = sent_authorization;
            if response.raw.status != 401 {
                return Ok(response);
            }
            if self.config.credentials.is_none() {
                return Err(self.auth_error(
                    &response,
                    "the server requires authentication and no username/password is configured",
                ));
            }
            let challenge = match digest::parse_www_authenticate(response.www_authenticate.as_deref()) {
                Ok(challenge) => challenge,
                Err(why) => return Err(self.auth_error(&response, &why.to_string())),
            };
            if signed && answered_fresh_challenge && !challenge.stale {
                self.session.borrow_mut().clear();
                return Err(self.auth_error(&response, "the server rejected the username or password"));
            }
            self.session.borrow_mut().adopt(challenge);
            answered_fresh_challenge = true;
        }
        self.session.borrow_mut().clear();
        Err(MintedError::new(ErrorKind::Auth, "the server kept answering 401 with new nonces").with_status(401))
    }

    fn auth_error(&self, response: &HttpResponse, message: &str) -> MintedError {
        MintedError::new(ErrorKind::Auth, message)
            .with_status(401)
            .with_code(crate::error::ErrorCode::Sdk("unauthorized"))
            .with_request_id(response.raw.request_id.clone())
            .with_body(Some(crate::redact::redact_body(&response.raw.body, &self.secrets(response))))
    }

    /// Everything that must not appear in what is reported about `response`: the password and the Authorization
    /// value sent.
    pub fn secrets<'a>(&'a self, response: &'a HttpResponse) -> Vec<&'a str> {
        let mut secrets = self.config.secrets();
        secrets.extend(response.sent_authorization.as_deref());
        secrets
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routes::find;

    #[test]
    fn headers_follow_the_route_and_config() {
        let config = crate::config::from_json(
            &serde_json::json!({"baseUrl": "http://x.test", "language": "en", "clientId": "panel"}),
        )
        .unwrap();
        let transport = Transport::new(config);
        let headers = transport.base_headers(&find("getCustomer").unwrap().into(), false);
        assert_eq!(
            headers,
            vec![
                ("api-version", "2".to_owned()),
                ("x-client-id", "panel".to_owned()),
                ("Accept-Language", "en".to_owned()),
                ("Accept", "application/json".to_owned()),
            ]
        );
        let with_body = transport.base_headers(&find("createCustomer").unwrap().into(), true);
        assert_eq!(with_body.last(), Some(&("Content-Type", "application/json".to_owned())));
    }
}
