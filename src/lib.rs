//! minted-connect: a typed, validated client for the Minted Connect Partner API, compiled to WebAssembly for Node and
//! browsers. This file is the façade: the exported functions and the table of client methods. The work happens in
//! the modules (see README, "Design").
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, clippy::string_slice)
)]
// Test tables are tuples of expectations; naming each tuple type would not make them clearer.
#![cfg_attr(test, allow(clippy::type_complexity))]

#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub mod api;
mod calls;
mod client;
pub mod config;
pub mod envelope;
pub mod error;
mod exactly_once;
mod js;
mod operations;
mod pages;
mod quote;
pub mod redact;
pub mod routes;
pub mod shape;
pub mod transport;
pub mod validate;

use serde::Serialize;
use serde_json::Value;
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use api::balances::*;
use api::customers::*;
use api::delivery::*;
use api::legal::*;
use api::orders::*;
use api::payments::*;
use api::pricing::*;
use api::trade::*;
pub use client::MintedClient;
use error::MintedError;
pub use quote::Quote;
use shape::{DataShape, Described};
use transport::{clock, digest};
use validate::{Language, Problem, Settings};

operations::operations! {
    // Pricing (priceFix is a method of its own: it returns a Quote)
    /// Prices a basket at a quote's locked prices, from grams or from money (inferred path
    /// `POST /partner/calculate-price`).
    "calculatePrice" => fn calculate_price(body CalculatePriceRequest) -> CalculatedPrice as "Promise<CalculatedPrice>";
    /// Current, unlocked prices of every product (inferred path `GET /partner/product-prices`).
    "getProductPrices" => fn get_product_prices(query ProductPricesQuery) -> ProductPriceList as "Promise<ProductPriceList>";

    // Buy and sell
    /// Buys metal at a quote's prices (`POST /partner/order/digital/buy`): every buy entry of the docs — B2B2C with
    /// `customer`, partner (B2B) without, cash by default or by card with `payment_type: "creditcard"` and `payment`.
    "buyDigital" => fn buy_digital(body BuyRequest) -> OrderResponse as "Promise<OrderResponse>";
    /// Buys gold (`GAU`): `buyDigital` with one line of `amount` grams.
    "buyGold" => fn buy_gold(body MetalBuyRequest) -> OrderResponse as "Promise<OrderResponse>";
    /// Buys silver (`GAG`): `buyDigital` with one line of `amount` grams.
    "buySilver" => fn buy_silver(body MetalBuyRequest) -> OrderResponse as "Promise<OrderResponse>";
    /// Buys platinum (`GPT`): `buyDigital` with one line of `amount` grams.
    "buyPlatinum" => fn buy_platinum(body MetalBuyRequest) -> OrderResponse as "Promise<OrderResponse>";
    /// Buys by card (`buyDigital` with `payment_type: "creditcard"` and a card).
    "cardPaymentBuyWithCardNumber" => fn card_payment_buy_with_card_number(body CardNumberBuyRequest) -> OrderResponse as "Promise<OrderResponse>";
    /// Buys with a stored card (`buyDigital` with `payment_type: "creditcard"` and `payment.card_token`).
    "cardPaymentBuyWithCardToken" => fn card_payment_buy_with_card_token(body CardTokenBuyRequest) -> OrderResponse as "Promise<OrderResponse>";
    /// Sells metal at a quote's prices (`POST /partner/order/digital/sell`).
    "sellDigital" => fn sell_digital(body SellRequest) -> OrderResponse as "Promise<OrderResponse>";
    /// Sells gold (`GAU`): `sellDigital` with one line of `amount` grams.
    "sellGold" => fn sell_gold(body MetalSellRequest) -> OrderResponse as "Promise<OrderResponse>";
    /// Sells silver (`GAG`): `sellDigital` with one line of `amount` grams.
    "sellSilver" => fn sell_silver(body MetalSellRequest) -> OrderResponse as "Promise<OrderResponse>";

    // Card payment
    /// Payment types available to the partner (inferred path `GET /partner/payment/types`).
    "getPaymentTypes" => fn get_payment_types() -> PaymentTypeList as "Promise<PaymentTypeList>";
    /// Card details and installment plans with commissions for a BIN (inferred path `POST /partner/payment/bin`).
    "cardPaymentBinQuery" => fn card_payment_bin_query(body BinQueryRequest) -> BinInfo as "Promise<BinInfo>";
    /// An order with its card payment (`GET /partner/order/{external_order_id}`, as `getOrder`).
    "cardPaymentGetOrder" => fn card_payment_get_order(path external_order_id) -> Order as "Promise<Order>";

    // Customers
    /// Creates a customer (`POST /partner/customer`). The phone is normalised to E.164 before sending.
    "createCustomer" => fn create_customer(body CreateCustomerRequest) -> CustomerRecord as "Promise<CustomerRecord>";
    /// Creates a business customer (inferred path `POST /partner/customer/business`).
    "createBusinessCustomer" => fn create_business_customer(body CreateBusinessCustomerRequest) -> CustomerRecord as "Promise<CustomerRecord>";
    /// Updates a customer (`PATCH /partner/customer/{external_customer_id}`).
    "updateCustomer" => fn update_customer(path external_customer_id, body UpdateCustomerRequest) -> CustomerRecord as "Promise<CustomerRecord>";
    /// Removes a customer id (inferred path `DELETE /partner/customer/{external_customer_id}`).
    "removeCustomer" => fn remove_customer(path external_customer_id) -> RemoveCustomerResponse as "Promise<RemoveCustomerResponse>";
    /// Gets a customer with its wallets (`GET /partner/customer/{external_customer_id}`).
    "getCustomer" => fn get_customer(path external_customer_id) -> CustomerWithWallets as "Promise<CustomerWithWallets>";
    /// Gets a customer's wallet KYC record (inferred path `GET /partner/customer/{external_customer_id}/wallet-kyc`).
    "getCustomerWalletKyc" => fn get_customer_wallet_kyc(path external_customer_id) -> WalletKyc as "Promise<WalletKyc>";
    /// Creates or replaces a customer's wallet KYC record (inferred path `POST …/{external_customer_id}/wallet-kyc`).
    "upsertCustomerWalletKyc" => fn upsert_customer_wallet_kyc(path external_customer_id, body WalletKycRequest) -> WalletKyc as "Promise<WalletKyc>";
    /// Upserts wallet KYC records of up to 100 customers (inferred path `POST /partner/customer/wallet-kyc/bulk`).
    "bulkUpsertCustomerWalletKyc" => fn bulk_upsert_customer_wallet_kyc(body BulkWalletKycRequest) -> BulkWalletKycResult as "Promise<BulkWalletKycResult>";

    // Balances
    /// The partner's own wallets (inferred path `GET /partner/balance`).
    "getPartnerBalance" => fn get_partner_balance() -> BalanceList as "Promise<BalanceList>";
    /// A customer's wallet balances (`GET /partner/balance/customer/{customer_external_id}`).
    "getCustomerBalance" => fn get_customer_balance(path customer_external_id) -> BalanceList as "Promise<BalanceList>";
    /// Deposits to or withdraws from a customer's cash wallet (inferred: `PATCH` on the customer balance path).
    "updateCustomerCashBalance" => fn update_customer_cash_balance(path customer_external_id, body CashBalanceUpdateRequest) -> BalanceItem as "Promise<BalanceItem>";
    /// Buy, sell and delivery totals over a period (inferred path `POST /partner/balance/stats`).
    "getBalanceStats" => fn get_balance_stats(maybe body BalanceStatsRequest) -> BalanceStats as "Promise<BalanceStats>";
    /// A customer's balances at the end of each of the last 7 days (inferred path `GET …/stats-7d`).
    "getCustomerBalance7dStats" => fn get_customer_balance_7d_stats(path customer_external_id) -> Balance7dStats as "Promise<Balance7dStats>";

    // Card storage
    /// A customer's stored cards (inferred path `POST /partner/card-storage/list`).
    "listStoredCards" => fn list_stored_cards(body ListStoredCardsRequest) -> StoredCardList as "Promise<StoredCardList>";
    /// Stores a card; the API keeps a masked copy and returns a token (inferred path `POST /partner/card-storage`).
    "addStoredCard" => fn add_stored_card(body AddStoredCardRequest) -> StoredCard as "Promise<StoredCard>";
    /// Deletes a stored card (inferred path `DELETE /partner/card-storage`).
    "deleteStoredCard" => fn delete_stored_card(body DeleteStoredCardRequest) -> DeletedStoredCard as "Promise<DeletedStoredCard>";

    // Delivery
    /// Metal wallets that can deliver, with the bars they can deliver (inferred path `POST /partner/delivery/wallets`).
    "listDeliveryWallets" => fn list_delivery_wallets(maybe body DeliveryWalletsRequest) -> DeliveryWalletList as "Promise<DeliveryWalletList>";
    /// Cost of delivering bars to an address (inferred path `POST /partner/delivery/calculate`).
    "calculateDelivery" => fn calculate_delivery(body CalculateDeliveryRequest) -> DeliveryQuote as "Promise<DeliveryQuote>";
    /// Creates a delivery order, paid from the cash wallet or by card (inferred path `POST /partner/delivery`).
    "createDelivery" => fn create_delivery(body CreateDeliveryRequest) -> OrderResponse as "Promise<OrderResponse>";
    /// `createDelivery` paid from the cash wallet.
    "createDeliveryPayWithCash" => fn create_delivery_pay_with_cash(body CashDeliveryRequest) -> OrderResponse as "Promise<OrderResponse>";
    /// `createDelivery` paid by card.
    "createDeliveryPayWithCard" => fn create_delivery_pay_with_card(body CardDeliveryRequest) -> OrderResponse as "Promise<OrderResponse>";

    // Orders
    /// One page of orders (inferred path `GET /partner/orders`); `listOrders` walks every page.
    "getOrders" => fn get_orders(query OrdersQuery) -> OrdersPage as "Promise<OrdersPage>";
    /// Gets an order by your order id (`GET /partner/order/{external_order_id}`).
    "getOrder" => fn get_order(path external_order_id) -> Order as "Promise<Order>";
    /// Finds an order by `guid`, `order_code` or `external_id` (`POST /partner/order`).
    "getOrderAlternative" => fn get_order_alternative(body GetOrderAlternativeRequest) -> Order as "Promise<Order>";
    /// Order statuses with their ids (inferred path `GET /partner/order-statuses`).
    "getOrderStatuses" => fn get_order_statuses() -> OrderStatusList as "Promise<OrderStatusList>";

    // Partner legal
    /// Legal texts for the partner's customers (inferred path `POST /partner/legal`).
    "getPartnerLegal" => fn get_partner_legal(maybe body LegalRequest) -> LegalDocumentList as "Promise<LegalDocumentList>";
}

/// The documented shape of a call's `data` (what the client checks responses against).
pub fn response_shape(call: &str) -> Option<&'static DataShape> {
    match call {
        "priceFix" => Some(&PriceFix::DATA),
        _ => method_shape(call),
    }
}

/// Options of the standalone `validateRequest`.
#[derive(Default, serde::Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ValidateOptions {
    /// Message language; default `"tr"`.
    #[serde(default)]
    #[tsify(optional)]
    pub language: Option<Language>,
    /// Identity-number checksums as errors; default `false`.
    #[serde(default)]
    #[tsify(optional)]
    pub strict_identity_numbers: Option<bool>,
}

/// Validates a request body for an operation, exactly as the client does before sending, and returns every issue
/// (`{ path, code, message, severity }`). Throws a `MintedError` of kind `validation` for an unknown operation id.
///
/// ```js
/// validateRequest('createCustomer', { external_id: 'a' }, { language: 'en' })
/// // → [{ path: 'external_id', code: 'too_short', message: 'must be at least 3 characters long', severity: 'error' }]
/// ```
#[wasm_bindgen(js_name = validateRequest, unchecked_return_type = "ValidationIssue[]")]
#[allow(non_snake_case)]
pub fn validate_request(
    operationId: &str,
    #[wasm_bindgen(unchecked_param_type = "unknown")] body: JsValue,
    options: Option<tsify::Ts<ValidateOptions>>,
) -> Result<JsValue, JsValue> {
    // The options themselves are reported in the default language (their language is what may be wrong).
    let bad = |path: &str, problem: Problem, lang: Language| js::misuse("invalid_options", path, problem, lang);
    let json = match options.map(|o| o.js_value()) {
        Some(o) => js::to_json(&o).ok_or_else(|| bad("options", Problem::NotJson, Language::default()))?,
        None => Value::Null,
    };
    if !(json.is_null() || json.is_object()) {
        return Err(bad("options", Problem::NotObject, Language::default()).into());
    }
    let lang = match json.get("language") {
        None | Some(Value::Null) => Language::default(),
        Some(Value::String(s)) if s == "tr" => Language::Tr,
        Some(Value::String(s)) if s == "en" => Language::En,
        Some(_) => return Err(bad("options.language", Problem::OneOf(&["tr", "en"]), Language::default()).into()),
    };
    let strict = match json.get("strictIdentityNumbers") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(bad("options.strictIdentityNumbers", Problem::NotBoolean, lang).into()),
    };
    let settings = Settings { lang, strict_identity_numbers: strict, today: clock::today_utc() };
    Ok(js::to_js(&client::validate_js(operationId, &body, &settings)?))
}

/// Input of `digestAuthorization`.
#[derive(Tsify)]
#[allow(dead_code)]
pub struct DigestAuthorizationInput {
    pub username: String,
    pub password: String,
    pub realm: String,
    pub nonce: String,
    /// The request target, e.g. `/partner/customer/MTD0018232`.
    pub uri: String,
    /// `GET`, `POST`…
    pub method: String,
    /// `"auth"`, or absent for the RFC 2069 form.
    #[tsify(optional, type = "\"auth\"")]
    pub qop: Option<String>,
    /// Request counter for this nonce, from 1.
    pub nc: u32,
    pub cnonce: String,
    /// `"MD5"` (default), `"MD5-sess"`, `"SHA-256"` or `"SHA-256-sess"`.
    #[tsify(optional, type = "\"MD5\" | \"MD5-sess\" | \"SHA-256\" | \"SHA-256-sess\"")]
    pub algorithm: Option<String>,
    #[tsify(optional)]
    pub opaque: Option<String>,
    /// Hash the user name (RFC 7616 `userhash=true`).
    #[tsify(optional)]
    pub userhash: Option<bool>,
}

/// Computes an RFC 7616 `Authorization: Digest …` header value. The client does this itself; the function is
/// exported so integrations and tests can check it.
///
/// ```js
/// digestAuthorization({ username: 'Mufasa', password: 'Circle of Life', realm: 'http-auth@example.org',
///   nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v', uri: '/dir/index.html', method: 'GET', qop: 'auth',
///   nc: 1, cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ', algorithm: 'SHA-256' })
/// ```
#[wasm_bindgen(js_name = digestAuthorization)]
pub fn digest_authorization(
    #[wasm_bindgen(unchecked_param_type = "DigestAuthorizationInput")] input: JsValue,
) -> Result<String, JsValue> {
    let json = js::to_json(&input).unwrap_or(Value::Null);
    Ok(digest_from_json(&json, Language::default())?)
}

fn digest_from_json(json: &Value, lang: Language) -> Result<String, MintedError> {
    let bad = |field: &str, problem: Problem| js::misuse("invalid_input", field, problem, lang);
    let text = |field: &'static str| -> Result<&str, MintedError> {
        json.get(field).and_then(Value::as_str).ok_or_else(|| bad(field, Problem::NotString))
    };
    let optional = |field: &'static str| -> Result<Option<&str>, MintedError> {
        match json.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(_) => Err(bad(field, Problem::NotString)),
        }
    };
    let algorithm = match optional("algorithm")? {
        None => digest::Algorithm::Md5,
        Some(token) => digest::Algorithm::parse(token)
            .ok_or_else(|| bad("algorithm", Problem::OneOf(&["MD5", "MD5-sess", "SHA-256", "SHA-256-sess"])))?,
    };
    let qop_auth = match optional("qop")? {
        None => false,
        Some("auth") => true,
        Some(_) => return Err(bad("qop", Problem::OneOf(&["auth"]))),
    };
    let nc = match json.get("nc").and_then(Value::as_u64) {
        Some(n) => {
            u32::try_from(n).ok().filter(|n| *n >= 1).ok_or_else(|| bad("nc", Problem::OutOfRange(1, 0xffff_ffff)))?
        }
        None => return Err(bad("nc", Problem::NotInteger)),
    };
    let userhash = match json.get("userhash") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(bad("userhash", Problem::NotBoolean)),
    };
    Ok(digest::authorization_header(&digest::AuthInput {
        username: text("username")?,
        password: text("password")?,
        realm: text("realm")?,
        nonce: text("nonce")?,
        uri: text("uri")?,
        method: text("method")?,
        algorithm,
        qop_auth,
        nc,
        cnonce: text("cnonce")?,
        opaque: optional("opaque")?,
        userhash,
    }))
}

/// Checks a raw API response body the way the client does and returns its `data` — for webhook payloads, recorded
/// responses and benchmarks. Throws the same `MintedError`s a call would.
#[wasm_bindgen(js_name = decodeResponse, unchecked_return_type = "unknown")]
#[allow(non_snake_case)]
pub fn decode_response(
    operationId: &str,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] body: JsValue,
    status: Option<u16>,
) -> Result<JsValue, JsValue> {
    let lang = Language::default();
    let unknown = || js::misuse("unknown_operation", "operationId", Problem::UnknownOperation, lang);
    let operation = routes::find(operationId).ok_or_else(unknown)?.operation;
    let check = response_shape(operation).ok_or_else(unknown)?;
    let bytes = match body.as_string() {
        Some(text) => js_sys::Uint8Array::from(text.as_bytes()),
        None => body
            .dyn_into::<js_sys::Uint8Array>()
            .map_err(|_| js::misuse("invalid_input", "body", Problem::NotBytesOrString, lang))?,
    };
    let raw = envelope::RawResponse { status: status.unwrap_or(200), body: bytes.to_vec(), request_id: None };
    envelope::check(&raw, check, &[]).map_err(|e| e.in_operation(operation))?;
    Ok(js::parse_data(&bytes)?)
}

/// One row of the route table, as `operations()` returns it.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct OperationInfo {
    pub operation_id: &'static str,
    #[tsify(type = "\"GET\" | \"POST\" | \"PATCH\" | \"DELETE\"")]
    pub method: &'static str,
    pub path: &'static str,
    pub api_version: &'static str,
    pub idempotent: bool,
    /// `documented` when Minted's docs print the path; `inferred` when it is this SDK's best guess.
    #[tsify(type = "\"documented\" | \"inferred\"")]
    pub path_source: &'static str,
}

/// The operations this client can call, with method, path, `api-version`, and whether the path is documented.
#[wasm_bindgen(unchecked_return_type = "OperationInfo[]")]
pub fn operations() -> JsValue {
    let rows: Vec<OperationInfo> = routes::ROUTES
        .iter()
        .map(|r| OperationInfo {
            operation_id: r.operation,
            method: r.method.as_str(),
            path: r.path,
            api_version: r.api_version,
            idempotent: r.idempotent,
            path_source: match r.source {
                routes::PathSource::Documented => "documented",
                routes::PathSource::Inferred => "inferred",
            },
        })
        .collect();
    js::to_js(&rows)
}

/// Normalises a phone number to E.164 the way the client does (`0532 280 80 35` → `+905322808035`). Throws a
/// `MintedError` of kind `validation` when it is not a phone number.
#[wasm_bindgen(js_name = normalizePhone)]
pub fn normalize_phone(phone: &str) -> Result<String, JsValue> {
    validate::rules::normalize_phone(phone).map_err(|problem| {
        let lang = Language::default();
        MintedError::validation(vec![validate::Issue::new("phone", &problem, lang)], lang).into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn digest_input_is_checked_field_by_field() {
        let good = json!({"username": "Mufasa", "password": "Circle of Life", "realm": "http-auth@example.org",
            "nonce": "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "uri": "/dir/index.html", "method": "GET",
            "qop": "auth", "nc": 1, "cnonce": "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "algorithm": "SHA-256",
            "opaque": "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"});
        let header = digest_from_json(&good, Language::En).unwrap();
        assert!(header.contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\""));
        // (field, value, issue code, English message, Turkish message)
        let cases = [
            ("nc", json!(0), "out_of_range", "nc: must be between 1 and 4294967295", "nc: 1 ile 4294967295 arasında"),
            ("nc", json!(1.5), "type", "nc: must be a whole number", "nc: tam sayı olmalıdır"),
            ("algorithm", json!("SHA-1"), "one_of", "algorithm: must be one of \"MD5\"", "algorithm: şunlardan biri"),
            ("qop", json!("auth-int"), "one_of", "qop: must be one of \"auth\"", "qop: şunlardan biri"),
            ("realm", json!(5), "type", "realm: must be a string", "realm: metin olmalıdır"),
        ];
        for (field, value, code, english, turkish) in cases {
            let mut input = good.clone();
            input[field] = value;
            for (lang, fragment) in [(Language::En, english), (Language::Tr, turkish)] {
                let err = digest_from_json(&input, lang).unwrap_err();
                assert_eq!(err.kind, error::ErrorKind::Validation);
                assert_eq!(err.code, Some(error::ErrorCode::Sdk("invalid_input")));
                assert_eq!((err.issues[0].path.as_str(), err.issues[0].code.as_str()), (field, code));
                assert!(err.message.contains(fragment), "{field}: {}", err.message);
                assert!(!err.message.contains("Circle of Life"));
            }
        }
    }

    #[test]
    fn declared_typescript_return_types_name_the_rust_types() {
        for (_, ts, rust) in DECLARED_RETURNS {
            assert_eq!(*ts, format!("Promise<{rust}>"));
        }
    }

    /// Request types (the TypeScript the caller writes) and validation tables (what is checked) list the same fields.
    #[test]
    fn request_types_and_validation_tables_agree() {
        use validate::schema::{Field, Rule, CARD, STORED_CARD};
        fn names(decl: &str) -> Vec<(String, bool)> {
            api::tests::fields(decl).into_iter().map(|(n, optional, _)| (n, !optional)).collect()
        }
        fn table(fields: &[Field]) -> Vec<(String, bool)> {
            fields.iter().map(|f| (f.name.to_owned(), f.required)).collect()
        }
        let calls: &[(&str, &str)] = &[
            ("priceFix", PriceFixRequest::DECL),
            ("calculatePrice", CalculatePriceRequest::DECL),
            ("getProductPrices", ProductPricesQuery::DECL),
            ("buyDigital", BuyRequest::DECL),
            ("buyGold", MetalBuyRequest::DECL),
            ("cardPaymentBuyWithCardNumber", CardNumberBuyRequest::DECL),
            ("cardPaymentBuyWithCardToken", CardTokenBuyRequest::DECL),
            ("sellDigital", SellRequest::DECL),
            ("sellGold", MetalSellRequest::DECL),
            ("cardPaymentBinQuery", BinQueryRequest::DECL),
            ("listStoredCards", ListStoredCardsRequest::DECL),
            ("addStoredCard", AddStoredCardRequest::DECL),
            ("deleteStoredCard", DeleteStoredCardRequest::DECL),
            ("createCustomer", CreateCustomerRequest::DECL),
            ("createBusinessCustomer", CreateBusinessCustomerRequest::DECL),
            ("updateCustomer", UpdateCustomerRequest::DECL),
            ("upsertCustomerWalletKyc", WalletKycRequest::DECL),
            ("bulkUpsertCustomerWalletKyc", BulkWalletKycRequest::DECL),
            ("updateCustomerCashBalance", CashBalanceUpdateRequest::DECL),
            ("getBalanceStats", BalanceStatsRequest::DECL),
            ("listDeliveryWallets", DeliveryWalletsRequest::DECL),
            ("calculateDelivery", CalculateDeliveryRequest::DECL),
            ("createDelivery", CreateDeliveryRequest::DECL),
            ("createDeliveryPayWithCash", CashDeliveryRequest::DECL),
            ("createDeliveryPayWithCard", CardDeliveryRequest::DECL),
            ("getOrders", OrdersQuery::DECL),
            ("getOrderAlternative", GetOrderAlternativeRequest::DECL),
            ("getPartnerLegal", LegalRequest::DECL),
        ];
        for (call, decl) in calls {
            let schema = validate::schema(call).unwrap_or_else(|| panic!("{call} has no table"));
            assert_eq!(names(decl), table(schema.fields), "{call}");
        }
        let nested = |call: &str, field: &str| match &validate::schema(call)
            .unwrap()
            .fields
            .iter()
            .find(|f| f.name == field)
            .unwrap()
            .rule
        {
            Rule::Object(fields) => table(fields),
            Rule::Array { item: Rule::Object(fields), .. } | Rule::Array { item: Rule::ObjectWith(fields, _), .. } => {
                table(fields)
            }
            other => panic!("{call}.{field}: {other:?}"),
        };
        assert_eq!(names(OrderCustomerRequest::DECL), nested("buyDigital", "customer"));
        assert_eq!(names(OrderItemRequest::DECL), nested("buyDigital", "items"));
        assert_eq!(names(CalculatePriceItem::DECL), nested("calculatePrice", "items"));
        assert_eq!(names(DeliveryAddress::DECL), nested("createDelivery", "address"));
        assert_eq!(names(DeliveryItemRequest::DECL), nested("createDelivery", "items"));
        assert_eq!(names(BulkWalletKycItem::DECL), nested("bulkUpsertCustomerWalletKyc", "items"));
        assert_eq!(names(CardPayment::DECL), table(CARD));
        assert_eq!(names(StoredCardPayment::DECL), table(STORED_CARD));
    }

    #[test]
    fn every_call_has_a_route_and_aliases_are_methods() {
        for (call, _, _) in DECLARED_RETURNS {
            assert!(routes::route_of(call).is_some(), "{call} has no route");
        }
        for (alias, _) in routes::ALIASES {
            assert!(DECLARED_RETURNS.iter().any(|(c, _, _)| c == alias), "{alias} has no method");
        }
    }

    #[test]
    fn every_route_has_a_client_method_and_a_checker() {
        for route in routes::ROUTES {
            assert!(response_shape(route.operation).is_some(), "{} has no method", route.operation);
        }
    }
}
