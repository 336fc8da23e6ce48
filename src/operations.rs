//! The `operations!` macro: one client method per row of the table in `lib.rs`, plus `response_shape` (for
//! `decodeResponse`) and the list of declared TypeScript return types (checked by a test).
//!
//! Input shapes: `()`, `(path NAME)`, `(body TYPE)`, `(maybe body TYPE)` (optional body), `(query TYPE)` (optional query
//! string), `(path NAME, body TYPE)`. The TypeScript return type is spelled out because wasm-bindgen attributes take
//! literals only.

macro_rules! operations {
    ($(
        $(#[$meta:meta])*
        $js:literal => fn $name:ident($($shape:tt)*) -> $Res:ident as $ts:literal;
    )*) => {
        $( $crate::operations::operations!(@method [$(#[$meta])*] $js, $name, $Res, $ts, $($shape)*); )*

        /// The documented shape of the `data` of a call generated here.
        fn method_shape(operation: &str) -> Option<&'static $crate::shape::DataShape> {
            match operation {
                $( $js => Some(&<$Res as $crate::shape::Described>::DATA), )*
                _ => None,
            }
        }

        #[cfg(test)]
        pub(crate) const DECLARED_RETURNS: &[(&str, &str, &str)] = &[$(($js, $ts, stringify!($Res))),*];
    };
    (@method [$($doc:tt)*] $js:literal, $name:ident, $Res:ident, $ts:literal,) => {
        #[wasm_bindgen]
        impl MintedClient {
            $($doc)*
            #[wasm_bindgen(js_name = $js, unchecked_return_type = $ts)]
            pub fn $name(&self, options: Option<tsify::Ts<$crate::js::CallOptions>>) -> js_sys::Promise {
                let data = &<$Res as $crate::shape::Described>::DATA;
                self.spawn($js, &[], $crate::client::Input::None, options.map(|o| o.js_value()), data)
            }
        }
    };
    (@method [$($doc:tt)*] $js:literal, $name:ident, $Res:ident, $ts:literal, path $p:ident) => {
        #[wasm_bindgen]
        impl MintedClient {
            $($doc)*
            #[wasm_bindgen(js_name = $js, unchecked_return_type = $ts)]
            pub fn $name(&self, #[wasm_bindgen(unchecked_param_type = "string")] $p: JsValue, options: Option<tsify::Ts<$crate::js::CallOptions>>) -> js_sys::Promise {
                let data = &<$Res as $crate::shape::Described>::DATA;
                self.spawn($js, &[(stringify!($p), $p)], $crate::client::Input::None, options.map(|o| o.js_value()), data)
            }
        }
    };
    (@method [$($doc:tt)*] $js:literal, $name:ident, $Res:ident, $ts:literal, body $Body:ty) => {
        #[wasm_bindgen]
        impl MintedClient {
            $($doc)*
            #[wasm_bindgen(js_name = $js, unchecked_return_type = $ts)]
            pub fn $name(&self, body: tsify::Ts<$Body>, options: Option<tsify::Ts<$crate::js::CallOptions>>) -> js_sys::Promise {
                let data = &<$Res as $crate::shape::Described>::DATA;
                self.spawn($js, &[], $crate::client::Input::Body(body.js_value()), options.map(|o| o.js_value()), data)
            }
        }
    };
    (@method [$($doc:tt)*] $js:literal, $name:ident, $Res:ident, $ts:literal, maybe body $Body:ty) => {
        #[wasm_bindgen]
        impl MintedClient {
            $($doc)*
            #[wasm_bindgen(js_name = $js, unchecked_return_type = $ts)]
            pub fn $name(&self, body: Option<tsify::Ts<$Body>>, options: Option<tsify::Ts<$crate::js::CallOptions>>) -> js_sys::Promise {
                let body = body.map_or_else(|| js_sys::Object::new().into(), |b| b.js_value());
                let data = &<$Res as $crate::shape::Described>::DATA;
                self.spawn($js, &[], $crate::client::Input::Body(body), options.map(|o| o.js_value()), data)
            }
        }
    };
    (@method [$($doc:tt)*] $js:literal, $name:ident, $Res:ident, $ts:literal, query $Query:ty) => {
        #[wasm_bindgen]
        impl MintedClient {
            $($doc)*
            #[wasm_bindgen(js_name = $js, unchecked_return_type = $ts)]
            pub fn $name(&self, query: Option<tsify::Ts<$Query>>, options: Option<tsify::Ts<$crate::js::CallOptions>>) -> js_sys::Promise {
                let data = &<$Res as $crate::shape::Described>::DATA;
                self.spawn($js, &[], $crate::client::Input::Query(query.map(|q| q.js_value())), options.map(|o| o.js_value()), data)
            }
        }
    };
    (@method [$($doc:tt)*] $js:literal, $name:ident, $Res:ident, $ts:literal, path $p:ident, body $Body:ty) => {
        #[wasm_bindgen]
        impl MintedClient {
            $($doc)*
            #[wasm_bindgen(js_name = $js, unchecked_return_type = $ts)]
            pub fn $name(&self, #[wasm_bindgen(unchecked_param_type = "string")] $p: JsValue, body: tsify::Ts<$Body>, options: Option<tsify::Ts<$crate::js::CallOptions>>) -> js_sys::Promise {
                let data = &<$Res as $crate::shape::Described>::DATA;
                self.spawn($js, &[(stringify!($p), $p)], $crate::client::Input::Body(body.js_value()), options.map(|o| o.js_value()), data)
            }
        }
    };
}
pub(crate) use operations;
