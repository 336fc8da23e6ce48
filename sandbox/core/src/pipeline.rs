//! A request's way through the sandbox: CORS preflight; on `/partner` paths Digest authentication, then the fault
//! plan (see [`crate::faults`]), then the `x-client-id` / `api-version` checks ("processing" starts there); the
//! route table; and last the touches every answer gets (request id, content type, CORS).
//!
//! What happens to the connection is an [`Outcome`]: send a response, close without one (`reset`,
//! `drop-after-commit`, and resends of those), or wait until a moment of sandbox time and [`resume`] (`delay`). The
//! host carries it out.

use crate::auth::{self, RequestTarget, Verdict};
use crate::cors;
use crate::envelope::{code, Failure};
use crate::faults::{self, Fault, Kind};
use crate::http::{status, Request, Response};
use crate::lang::Lang;
use crate::messages::Msg;
use crate::routes;
use crate::world::World;

/// What the host does with a request's connection.
#[derive(Debug)]
pub enum Outcome {
    /// Send this response.
    Respond(Response),
    /// Close the connection without sending a byte (a `fetch` rejects). Whatever the request was to do is done.
    Close,
    /// Wait until sandbox time reaches `until_ms` (the request is processed then even if the client left), then
    /// hand `deferred` to [`resume`].
    Wait { until_ms: i64, deferred: Deferred },
}

/// A request held back by an injected `delay`; it has passed authentication and the fault plan.
#[derive(Debug)]
pub struct Deferred {
    request: Request,
    lang: Lang,
    origin: Option<String>,
}

/// Whether a path belongs to the emulated API (and so needs auth and the API headers).
pub fn is_partner_path(path: &str) -> bool {
    path == "/partner" || path.starts_with("/partner/")
}

/// Handles one request at the sandbox's current time.
pub fn handle(world: &mut World, request: Request) -> Outcome {
    let lang = Lang::from_headers(&request.headers);
    let origin = request.headers.get("origin").map(str::to_owned);
    let now_ms = world.now_ms();
    let outcome = if request.method == "OPTIONS" {
        Outcome::Respond(cors::preflight())
    } else if is_partner_path(request.path()) {
        guard(world, request, lang, now_ms)
    } else {
        Outcome::Respond(routes::dispatch(world, &request, lang, now_ms))
    };
    match outcome {
        Outcome::Respond(response) => Outcome::Respond(finish(world, response, origin.as_deref())),
        Outcome::Wait { until_ms, deferred } => Outcome::Wait { until_ms, deferred: Deferred { origin, ..deferred } },
        Outcome::Close => Outcome::Close,
    }
}

/// Processes a delayed request now.
pub fn resume(world: &mut World, deferred: Deferred) -> Outcome {
    let Deferred { request, lang, origin } = deferred;
    let now_ms = world.now_ms();
    let response = process(world, &request, lang, now_ms);
    Outcome::Respond(finish(world, response, origin.as_deref()))
}

/// `/partner` requests: Digest authentication first, then the fault plan for the requests that passed it.
fn guard(world: &mut World, request: Request, lang: Lang, now_ms: i64) -> Outcome {
    let authorization = request.headers.get("authorization");
    if authorization.is_some_and(|authorization| world.faults.is_resend(authorization)) {
        world.count_request(false);
        return Outcome::Close;
    }
    if let Some(challenge) = authenticate(world, &request, lang, now_ms) {
        world.count_request(true);
        return Outcome::Respond(challenge);
    }
    let fault = world.faults.pick(&request.method, request.path());
    world.count_request(fault.as_ref().is_some_and(|fault| fault.kind == Kind::StaleNonce));
    match fault {
        Some(fault) => inject(world, fault, request, lang, now_ms),
        None => Outcome::Respond(process(world, &request, lang, now_ms)),
    }
}

/// What the client gets for an authenticated request with a `fault`.
fn inject(world: &mut World, fault: Fault, request: Request, lang: Lang, now_ms: i64) -> Outcome {
    let refused = |status: u16, code: i64, msg: Msg| Failure::new(status, code, msg).render(lang);
    let response = match fault.kind {
        Kind::Status500 => refused(status::INTERNAL_SERVER_ERROR, code::INTERNAL, Msg::InternalError),
        Kind::Status502 => faults::html(status::BAD_GATEWAY, faults::BAD_GATEWAY_PAGE),
        Kind::Status503 => faults::retry_after(
            refused(status::SERVICE_UNAVAILABLE, code::UNAVAILABLE, Msg::ServiceUnavailable),
            &fault.retry_after,
        ),
        Kind::RateLimit => faults::retry_after(
            refused(status::TOO_MANY_REQUESTS, code::TOO_MANY_REQUESTS, Msg::TooManyRequests),
            &fault.retry_after,
        ),
        Kind::Html => faults::html(status::OK, faults::MAINTENANCE_PAGE),
        Kind::StaleNonce => challenge(world, lang, now_ms, true),
        Kind::Reset => {
            swallow(world, &request);
            return Outcome::Close;
        }
        Kind::DropAfterCommit => {
            swallow(world, &request);
            process(world, &request, lang, now_ms);
            return Outcome::Close;
        }
        Kind::Delay => {
            let until_ms = now_ms.saturating_add(i64::try_from(fault.delay_ms).unwrap_or(i64::MAX));
            return Outcome::Wait { until_ms, deferred: Deferred { request, lang, origin: None } };
        }
        Kind::MalformedJson => {
            let mut body = process(world, &request, lang, now_ms).body;
            body.truncate(body.len() / 2);
            faults::json_ok(body)
        }
        Kind::Empty => {
            process(world, &request, lang, now_ms);
            faults::json_ok(Vec::new())
        }
    };
    Outcome::Respond(response)
}

/// Remembers a request whose connection is closed, so an identical resend is closed too.
fn swallow(world: &mut World, request: &Request) {
    if let Some(authorization) = request.headers.get("authorization") {
        world.faults.swallow(authorization);
    }
}

/// An authenticated `/partner` request's normal handling: `x-client-id` and `api-version`, then the route.
fn process(world: &mut World, request: &Request, lang: Lang, now_ms: i64) -> Response {
    match check_headers(request) {
        Ok(()) => routes::dispatch(world, request, lang, now_ms),
        Err(failure) => failure.render(lang),
    }
}

/// Digest verification: `None` when accepted, else the 401 to send, with a fresh nonce in its challenges.
fn authenticate(world: &mut World, request: &Request, lang: Lang, now_ms: i64) -> Option<Response> {
    let target = RequestTarget { method: &request.method, uri: &request.target };
    let header = request.headers.get("authorization");
    match auth::verify(&world.settings, &world.opaque, &mut world.nonces, target, header, now_ms) {
        Verdict::Accepted => None,
        Verdict::Rejected { stale, .. } => Some(challenge(world, lang, now_ms, stale)),
    }
}

/// A 401 with fresh challenges (`stale=true` for an expired nonce).
fn challenge(world: &mut World, lang: Lang, now_ms: i64, stale: bool) -> Response {
    let nonce = world.nonces.issue(now_ms, &mut world.rng);
    let (code, msg) =
        if stale { (code::STALE_NONCE, Msg::StaleNonce) } else { (code::UNAUTHORIZED, Msg::Unauthorized) };
    let mut response = Failure::new(status::UNAUTHORIZED, code, msg).render(lang);
    for value in auth::challenges(&world.settings, &nonce, &world.opaque, stale) {
        response.headers.append("www-authenticate", value);
    }
    response
}

/// The `api-version` a route accepts, and whether it must be sent: 3 and required on the price fix (as documented),
/// 2 and optional everywhere else.
fn expected_api_version(path: &str) -> (&'static str, bool) {
    if path == "/partner/pricefix" {
        ("3", true)
    } else {
        ("2", false)
    }
}

fn check_headers(request: &Request) -> Result<(), Failure> {
    let client_id = request.headers.get("x-client-id").unwrap_or("");
    if client_id.trim().is_empty() {
        return Err(Failure::new(status::UNPROCESSABLE_ENTITY, code::PARAMETER, Msg::ClientIdRequired));
    }
    let (expected, required) = expected_api_version(request.path());
    // Blank counts as absent: the docs' curl samples send an empty `api-version;` header.
    let version = request.headers.get("api-version").map(str::trim).filter(|v| !v.is_empty());
    let accepted = match version {
        Some(version) => version == expected,
        None => !required,
    };
    if accepted {
        Ok(())
    } else {
        Err(Failure::new(status::UNPROCESSABLE_ENTITY, code::PARAMETER, Msg::ApiVersion(expected)))
    }
}

/// Every answer gets an `x-request-id`, `Content-Type: application/json` when it has a body and no type of its own,
/// and the CORS headers when the request came with an `Origin`.
fn finish(world: &mut World, mut response: Response, origin: Option<&str>) -> Response {
    let id = new_request_id(world);
    response.headers.insert("x-request-id", id);
    if response.status != status::NO_CONTENT && response.headers.get("content-type").is_none() {
        response.headers.insert("content-type", "application/json");
    }
    if let Some(origin) = origin {
        cors::allow(&mut response, origin);
    }
    response
}

/// A fresh id in UUID v4 layout, so logs on both sides can be matched.
fn new_request_id(world: &mut World) -> String {
    let hex = world.rng.hex(16);
    format!("{}-{}-4{}-a{}-{}", &hex[..8], &hex[8..12], &hex[13..16], &hex[17..20], &hex[20..32])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partner_paths_are_recognised() {
        for (path, expected) in
            [("/partner", true), ("/partner/customer", true), ("/partners", false), ("/__sandbox/health", false)]
        {
            assert_eq!(is_partner_path(path), expected, "{path}");
        }
    }

    #[test]
    fn api_versions_per_route() {
        assert_eq!(expected_api_version("/partner/pricefix"), ("3", true));
        assert_eq!(expected_api_version("/partner/customer"), ("2", false));
    }
}
