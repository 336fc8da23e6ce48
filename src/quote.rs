//! The price-fix quote lifecycle: `priceFix` (and `quote.refresh()`), a local deadline that does not depend on the
//! server's clock, and the `Quote` class callers hold. Tokens go in the client's quote book, so an expired quote is
//! refused before any network I/O.

use std::rc::Rc;

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use crate::call;
use crate::http;
use crate::input;
use crate::prepare::{self, ClientState, Payload};
use crate::registry;

/// Margin taken off every quote so a buy sent at the last moment still reaches the server in time.
pub const SAFETY_MS: f64 = 2000.0;

/// The local instant (ms since the epoch, local clock) after which a quote must not be used.
///
/// `expire_ttl` is relative, so `sent_ms + ttl` needs no agreement between clocks; it is measured from when the
/// request was *sent*, which errs on the safe side. Only without a TTL is `expires_at` used, shifted by the skew
/// between the server's `Date` header and the local receive time when the server sent one (`Date` has whole seconds,
/// so the server is assumed to be a second later than it says). A safety margin of [`SAFETY_MS`], or a tenth of a
/// short lifetime, is taken off.
pub fn deadline(
    sent_ms: f64,
    received_ms: f64,
    expire_ttl_s: Option<f64>,
    expires_at_ms: Option<f64>,
    server_date_ms: Option<f64>,
) -> Option<f64> {
    let margin = |lifetime_ms: f64| SAFETY_MS.min(lifetime_ms.max(0.0) / 10.0);
    if let Some(ttl) = expire_ttl_s.filter(|t| t.is_finite() && *t >= 0.0) {
        return Some(sent_ms + ttl * 1000.0 - margin(ttl * 1000.0));
    }
    let at = expires_at_ms.filter(|t| t.is_finite())?;
    let (server_now, local_now) = match server_date_ms.filter(|d| d.is_finite()) {
        Some(date) => (date + 1000.0, received_ms),
        None => (sent_ms, sent_ms),
    };
    let lifetime = at - server_now;
    Some(local_now + lifetime - margin(lifetime))
}

/// `priceFix` and `Quote.refresh`: the call, then a `Quote` whose deadline counts from when the request was sent.
pub(crate) fn price_fix(state: Rc<ClientState>, body: JsValue, options: JsValue) -> js_sys::Promise {
    let op = &registry::op::priceFix;
    let config = &state.connection.config;
    let settings = prepare::settings(config);
    let prepared = input::call_options(&options).and_then(|options| {
        let text = input::body(&body, &settings)?;
        prepare::prepare(config, &state.quotes, op, None, Payload::Body(text), options)
    });
    let call = match prepared {
        Ok(call) => call,
        Err(err) => return js_sys::Promise::reject(&JsValue::from(err.in_operation(op.id))),
    };
    // The Quote keeps a copy of the request for refresh(), detached from the caller's object.
    let request = js_sys::JSON::parse(call.body.as_deref().unwrap_or("{}")).unwrap_or(body);
    call::promise(op.id, async move {
        let sent = http::now_ms();
        let answered = call::answer(&state.connection, &state.quotes, &call, op.output).await?;
        let (data, response) = (&answered.data, &answered.response);
        let get = |name: &str| Reflect::get(data, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
        let token = get("token").as_string().unwrap_or_default();
        let expires_at = get("expires_at").as_string().map(|s| js_sys::Date::parse(&s));
        let server_date = response.header("date").as_deref().map(js_sys::Date::parse);
        let deadline =
            deadline(sent, http::now_ms(), get("expire_ttl").as_f64(), expires_at, server_date).unwrap_or(sent);
        let quote = JsValue::from(Quote::new(data.clone(), token, deadline, request, state.clone()));
        Ok(call::resolution(&call, &answered, quote))
    })
}

/// A price quote from `priceFix`: the locked prices, their token, and when it stops being usable.
///
/// ```js
/// let quote = await client.priceFix({ type: 'digital', customer_external_id: 'MTD0018232' });
/// if (quote.remainingSeconds() < 30) quote = await quote.refresh();
/// await client.buyGold({ price_token: quote.token, external_id: 'order-1', customer, amount: 1 });
/// ```
#[wasm_bindgen]
pub struct Quote {
    data: JsValue,
    token: String,
    deadline_ms: f64,
    request: JsValue,
    state: Rc<ClientState>,
}

impl Quote {
    fn new(data: JsValue, token: String, deadline_ms: f64, request: JsValue, state: Rc<ClientState>) -> Self {
        state.quotes.remember(&token, deadline_ms);
        Self { data, token, deadline_ms, request, state }
    }

    fn field(&self, name: &str) -> JsValue {
        Reflect::get(&self.data, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    }
}

#[wasm_bindgen]
impl Quote {
    /// The price token to send as `price_token`.
    #[wasm_bindgen(getter)]
    pub fn token(&self) -> String {
        self.token.clone()
    }

    /// The whole price-fix `data` as the server sent it.
    #[wasm_bindgen(getter, unchecked_return_type = "PriceFix")]
    pub fn data(&self) -> JsValue {
        self.data.clone()
    }

    /// Per-product prices.
    #[wasm_bindgen(getter, unchecked_return_type = "Price[]")]
    pub fn prices(&self) -> JsValue {
        self.field("prices")
    }

    /// Currency of the prices (e.g. `TRY`).
    #[wasm_bindgen(getter, unchecked_return_type = "string | undefined")]
    pub fn currency(&self) -> JsValue {
        self.field("currency")
    }

    /// When the quote stops being usable, by this machine's clock (a safety margin already taken off).
    #[wasm_bindgen(getter, js_name = expiresAt)]
    pub fn expires_at(&self) -> js_sys::Date {
        js_sys::Date::new(&JsValue::from_f64(self.deadline_ms))
    }

    /// `true` once the quote can no longer be used: a buy or sell with it is refused locally.
    ///
    /// ```js
    /// if (quote.isExpired()) quote = await quote.refresh();
    /// ```
    #[wasm_bindgen(js_name = isExpired)]
    pub fn is_expired(&self) -> bool {
        http::now_ms() >= self.deadline_ms
    }

    /// Whole seconds left before the quote expires (0 when expired).
    ///
    /// ```js
    /// console.log(`valid for ${quote.remainingSeconds()} s`);
    /// ```
    #[wasm_bindgen(js_name = remainingSeconds)]
    pub fn remaining_seconds(&self) -> f64 {
        ((self.deadline_ms - http::now_ms()) / 1000.0).floor().max(0.0)
    }

    /// The price of one product, or `undefined`.
    ///
    /// ```js
    /// const gold = quote.priceFor('GAU')?.buy_price;
    /// ```
    #[wasm_bindgen(js_name = priceFor, unchecked_return_type = "Price | undefined")]
    pub fn price_for(&self, sku: &str) -> JsValue {
        let prices = js_sys::Array::from(&self.field("prices"));
        prices
            .iter()
            .find(|p| {
                Reflect::get(p, &JsValue::from_str("sku")).ok().and_then(|s| s.as_string()).as_deref() == Some(sku)
            })
            .unwrap_or(JsValue::UNDEFINED)
    }

    /// Fixes prices again with the same request, giving a fresh quote.
    ///
    /// ```js
    /// if (quote.remainingSeconds() < 20) quote = await quote.refresh();
    /// ```
    #[wasm_bindgen(unchecked_return_type = "Promise<Quote>")]
    pub fn refresh(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CallOptions | null")] options: Option<JsValue>,
    ) -> js_sys::Promise {
        price_fix(self.state.clone(), self.request.clone(), options.unwrap_or(JsValue::UNDEFINED))
    }

    /// The data plus the token and local expiry, for logs and `JSON.stringify`.
    ///
    /// ```js
    /// console.log(JSON.stringify(quote));
    /// ```
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "Record<string, unknown>")]
    pub fn to_json(&self) -> JsValue {
        let out = js_sys::Object::assign(&js_sys::Object::new(), self.data.unchecked_ref());
        let _ = Reflect::set(&out, &"expiresAt".into(), &self.expires_at().to_iso_string());
        out.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadline_table() {
        // (sent, received, ttl s, expires_at, server Date) → deadline
        let cases: &[(f64, f64, Option<f64>, Option<f64>, Option<f64>, Option<f64>)] = &[
            // the TTL counts from when the request was sent, minus the margin
            (1_000_000.0, 1_000_300.0, Some(239.0), None, None, Some(1_000_000.0 + 239_000.0 - 2000.0)),
            // with a TTL, a server clock an hour ahead does not matter
            (1_000_000.0, 1_000_300.0, Some(239.0), Some(4_839_000.0), Some(4_600_000.0), Some(1_237_000.0)),
            // a short TTL keeps most of itself
            (0.0, 0.0, Some(1.0), None, None, Some(900.0)),
            // without a TTL: expires_at relative to the Date header (taken a second late), from the receive time
            (
                1_000_000.0,
                1_000_300.0,
                None,
                Some(4_840_000.0),
                Some(4_600_000.0),
                Some(1_000_300.0 + 239_000.0 - 2000.0),
            ),
            // without a TTL or a Date, the clocks are trusted
            (1_000_000.0, 1_000_300.0, None, Some(1_240_000.0), None, Some(1_238_000.0)),
            (0.0, 0.0, None, None, None, None),
            (0.0, 0.0, Some(f64::NAN), Some(f64::INFINITY), None, None),
        ];
        for (sent, received, ttl, at, date, expected) in cases {
            assert_eq!(deadline(*sent, *received, *ttl, *at, *date), *expected, "{ttl:?} {at:?} {date:?}");
        }
    }
}
