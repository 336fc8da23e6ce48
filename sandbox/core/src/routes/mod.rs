//! The route table (one module per API area, each listing its routes) and the dispatch: unknown paths answer 404 and
//! known paths with the wrong method 405, both enveloped.

mod balances;
mod call;
mod card_payment;
mod card_storage;
mod checks;
mod clock;
mod customers;
mod delivery;
mod faults;
mod kyc;
mod legal;
mod order_list;
mod orders;
mod pricing;
mod sandbox;
mod trade;

use call::{Call, Route};
use percent_encoding::percent_decode_str;

use crate::envelope::{code, Failure};
use crate::http::{status, Request, Response};
use crate::lang::Lang;
use crate::messages::Msg;
use crate::world::World;

/// Every route, area by area.
const TABLE: [&[Route]; 14] = [
    sandbox::ROUTES,
    faults::ROUTES,
    clock::ROUTES,
    customers::ROUTES,
    kyc::ROUTES,
    orders::ROUTES,
    order_list::ROUTES,
    pricing::ROUTES,
    trade::ROUTES,
    card_payment::ROUTES,
    card_storage::ROUTES,
    balances::ROUTES,
    delivery::ROUTES,
    legal::ROUTES,
];

fn routes() -> impl Iterator<Item = &'static Route> {
    TABLE.iter().flat_map(|area| area.iter())
}

/// Runs the route for `request` at sandbox time `now_ms`; failures come back rendered in `lang`.
pub fn dispatch(world: &mut World, request: &Request, lang: Lang, now_ms: i64) -> Response {
    let Some((pattern, params)) = best_match(request.path()) else {
        return Failure::not_found(Msg::RouteNotFound).render(lang);
    };
    let method = if request.method == "HEAD" { "GET" } else { request.method.as_str() };
    let Some(route) = routes().find(|route| route.path == pattern && route.method == method) else {
        let failure = Failure::new(status::METHOD_NOT_ALLOWED, code::METHOD_NOT_ALLOWED, Msg::MethodNotAllowed);
        let mut response = failure.render(lang);
        response.headers.insert("allow", allowed(pattern));
        return response;
    };
    let mut call = Call { world, now_ms, lang, request, params };
    (route.handler)(&mut call).unwrap_or_else(|failure| failure.render(lang))
}

/// The pattern that matches `path`, static segments winning over parameters (so `/partner/customer/business` is
/// never read as a customer id), with its parameters decoded; `None` when no pattern matches, or a parameter is not
/// UTF-8 once decoded (such an id names nothing).
fn best_match(path: &str) -> Option<(&'static str, Vec<String>)> {
    let segments: Vec<&str> = path.split('/').collect();
    let mut best: Option<(Vec<bool>, &'static str, Vec<&str>)> = None;
    for route in routes() {
        let pattern: Vec<&str> = route.path.split('/').collect();
        if pattern.len() != segments.len() {
            continue;
        }
        let mut rank = Vec::with_capacity(pattern.len());
        let mut params = Vec::new();
        let matched = pattern.iter().zip(&segments).all(|(expected, actual)| {
            let is_param = expected.starts_with('{');
            rank.push(!is_param);
            if is_param {
                params.push(*actual);
                !actual.is_empty()
            } else {
                expected == actual
            }
        });
        if matched && best.as_ref().is_none_or(|(best_rank, ..)| rank > *best_rank) {
            best = Some((rank, route.path, params));
        }
    }
    let (_, pattern, raw) = best?;
    let params = raw.iter().map(|raw| percent_decode_str(raw).decode_utf8().ok().map(|id| id.into_owned()));
    Some((pattern, params.collect::<Option<Vec<String>>>()?))
}

/// The `Allow` header of a pattern: its methods in table order, `HEAD` after `GET`.
fn allowed(pattern: &str) -> String {
    let mut methods = Vec::new();
    for route in routes().filter(|route| route.path == pattern) {
        methods.push(route.method);
        if route.method == "GET" {
            methods.push("HEAD");
        }
    }
    methods.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_segments_win_and_parameters_are_decoded() {
        assert_eq!(best_match("/partner/customer/business").unwrap(), ("/partner/customer/business", vec![]));
        assert_eq!(
            best_match("/partner/customer/a%2Fb%20c").unwrap(),
            ("/partner/customer/{external_customer_id}", vec!["a/b c".to_owned()])
        );
        assert_eq!(best_match("/partner/customer/"), None, "an empty parameter matches nothing");
        assert_eq!(best_match("/partner/customer/%FF"), None, "not UTF-8");
        assert_eq!(best_match("/partner/nothing"), None);
    }

    #[test]
    fn every_route_is_listed_once() {
        let mut seen = std::collections::BTreeSet::new();
        for route in routes() {
            assert!(seen.insert((route.method, route.path)), "{} {} twice", route.method, route.path);
            assert!(route.path.starts_with("/partner") || route.path.starts_with("/__sandbox/"), "{}", route.path);
        }
        assert_eq!(allowed("/partner/customer/{external_customer_id}"), "GET,HEAD,PATCH,DELETE");
    }
}
