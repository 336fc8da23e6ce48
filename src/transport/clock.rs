//! Time. On wasm, `std::time` panics, so the clock is JavaScript's `Date`; natively (tests, the sandbox) it is the
//! system clock.

use time::{Date, OffsetDateTime};

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    }
}

/// Parses a date the way JavaScript's `Date.parse` does (RFC 1123 HTTP dates, ISO 8601); NaN when it cannot.
pub fn parse_date_ms(text: &str) -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::parse(text)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = text;
        f64::NAN
    }
}

/// Today's date in UTC.
pub fn today_utc() -> Date {
    let seconds = (now_ms() / 1000.0).floor() as i64;
    OffsetDateTime::from_unix_timestamp(seconds).map(OffsetDateTime::date).unwrap_or(Date::MIN)
}

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/js/minted_error.js")]
extern "C" {
    /// Resolves after `ms`, or as soon as `signal` aborts.
    #[wasm_bindgen(js_name = sleep)]
    fn sleep_js(ms: f64, signal: Option<web_sys::AbortSignal>) -> js_sys::Promise;
}

/// Waits `ms` (JS timers), cut short by the caller's `AbortSignal`.
pub async fn sleep(ms: f64, signal: Option<&web_sys::AbortSignal>) {
    let _ = wasm_bindgen_futures::JsFuture::from(sleep_js(ms, signal.cloned())).await;
}

#[cfg(target_arch = "wasm32")]
pub use timer::Timer;

#[cfg(target_arch = "wasm32")]
mod timer {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_name = setTimeout)]
        fn set_timeout(handler: &js_sys::Function, ms: i32) -> JsValue;
        #[wasm_bindgen(js_name = clearTimeout)]
        fn clear_timeout(id: &JsValue);
    }

    /// A one-shot JS timer, cancelled when dropped (so it never keeps Node alive or fires late). Hand-rolled on
    /// purpose: smaller than `gloo_timers` with `scopeguard` (docs/measurements.md).
    pub struct Timer {
        id: JsValue,
        _callback: Closure<dyn FnMut()>,
    }

    impl Timer {
        pub fn start(ms: u32, callback: impl FnMut() + 'static) -> Self {
            let callback = Closure::<dyn FnMut()>::new(callback);
            let ms = i32::try_from(ms).unwrap_or(i32::MAX);
            let id = set_timeout(callback.as_ref().unchecked_ref(), ms);
            Self { id, _callback: callback }
        }
    }

    impl Drop for Timer {
        fn drop(&mut self) {
            clear_timeout(&self.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_after_the_project_started() {
        assert!(today_utc() > time::macros::date!(2026 - 01 - 01));
        assert!(now_ms() > 1.7e12);
    }
}
