//! `listOrders`: an async iterable over every order matching a query, fetching `getOrders` pages lazily; its
//! `pages()` walks page by page with each page's metadata, and `toArray({ limit })` collects (see `src/js/pages.js`).

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Promise, Reflect};
use wasm_bindgen::prelude::*;

use crate::call;
use crate::error::MintedError;
use crate::input::{self, CallOptions};
use crate::observe;
use crate::prepare::{self, ClientState, Payload};
use crate::registry::{self, Query};

#[wasm_bindgen(module = "/src/js/pages.js")]
extern "C" {
    /// The listing: an async iterable over the orders of the pages `next_page` resolves to (`{ orders, page,
    /// lastPage, perPage, total, requestId }`, until `null`), with `pages()` and `toArray()`.
    fn listing(next_page: &JsValue, stop: &JsValue) -> JsValue;
}

/// Where the iteration stands.
struct Pager {
    state: Rc<ClientState>,
    /// The query's JSON text; each page sets its `page`.
    query: String,
    /// The call's own options (signal, timeout, retries), for every page.
    options: CallOptions,
    next_page: u64,
    done: bool,
}

/// What the next page says about the iteration: more pages after it or not.
pub fn has_more(page: u64, last_page: Option<f64>, items: usize) -> bool {
    items > 0 && last_page.is_none_or(|last| (page as f64) < last)
}

/// The page a query starts at: its `page`, or 1.
fn first_page(query: &Query) -> u64 {
    query.pairs.iter().find(|(key, _)| key == "page").and_then(|(_, page)| page.parse().ok()).unwrap_or(1)
}

/// Builds the iterable. The query is checked now, so a bad filter fails at the call, not at the first `next()`.
pub fn list_orders(state: Rc<ClientState>, query: &JsValue, options: &JsValue) -> Result<JsValue, MintedError> {
    let config = &state.connection.config;
    let settings = prepare::settings(config);
    let options = input::call_options(options)?;
    if options.with_response {
        return Err(MintedError::option(
            "withResponse",
            "does not apply to listOrders: each of its pages() has a requestId",
        ));
    }
    let query = input::query(query, &settings)?;
    // Validate once up front with the request model getOrders uses.
    let get_orders = &registry::op::getOrders;
    let payload = Payload::Query(query.clone());
    prepare::prepare(config, &state.quotes, get_orders, None, payload, options.clone())?;
    let first = first_page(&query);
    let query = query.text;
    let pager = Rc::new(RefCell::new(Pager { state, query, options, next_page: first, done: false }));

    let next = {
        let pager = pager.clone();
        Closure::<dyn FnMut() -> Promise>::new(move || next_page(pager.clone()))
    };
    let stop = {
        let pager = pager.clone();
        Closure::<dyn FnMut()>::new(move || pager.borrow_mut().done = true)
    };
    Ok(listing(&next.into_js_value(), &stop.into_js_value()))
}

/// The next page, `{ orders, page, lastPage, perPage, total, requestId }`, or `null` once the iteration is over. The
/// JS side (`listing` in src/js/pages.js) yields the orders one by one, so the core is called once per page.
fn next_page(pager: Rc<RefCell<Pager>>) -> Promise {
    if pager.borrow().done {
        return Promise::resolve(&JsValue::NULL);
    }
    call::promise("listOrders", async move {
        let (state, query, options, page) = {
            let p = pager.borrow();
            (p.state.clone(), input::query_page(&p.query, p.next_page), p.options.clone(), p.next_page)
        };
        let get_orders = &registry::op::getOrders;
        let config = &state.connection.config;
        let call = prepare::prepare(config, &state.quotes, get_orders, None, Payload::Query(query), options)?;
        let answered = call::answer(&state.connection, &state.quotes, &call, get_orders.output).await?;
        let get = |key: &str| Reflect::get(&answered.data, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
        let orders = js_sys::Array::from(&get("data"));
        let last_page = get("last_page").as_f64();
        let mut p = pager.borrow_mut();
        if p.done || orders.length() == 0 {
            p.done = true;
            return Ok(JsValue::NULL);
        }
        p.next_page = page + 1;
        p.done = !has_more(page, last_page, orders.length() as usize);
        let out = js_sys::Object::new();
        observe::set(&out, "orders", &orders);
        observe::set(&out, "page", &get("current_page"));
        observe::set(&out, "lastPage", &get("last_page"));
        observe::set(&out, "perPage", &get("per_page"));
        observe::set(&out, "total", &get("total"));
        if let Some(id) = &answered.response.request_id {
            observe::set(&out, "requestId", &JsValue::from_str(id));
        }
        Ok(out.into())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_continue_until_the_last_or_an_empty_one() {
        let cases = [
            (1, Some(3.0), 10, true),
            (3, Some(3.0), 10, false),
            (4, Some(3.0), 0, false),
            (1, None, 10, true),
            (1, None, 0, false),
            (1, Some(1.0), 5, false),
        ];
        for (page, last, items, expected) in cases {
            assert_eq!(has_more(page, last, items), expected, "{page} {last:?} {items}");
        }
    }
}
