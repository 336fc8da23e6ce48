//! Every message the sandbox can send, in Turkish (the API's default) and English.

use crate::lang::Lang;
use crate::rules::Rule;

/// Every message the sandbox can send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Msg {
    Unauthorized,
    StaleNonce,
    ClientIdRequired,
    /// The `api-version` the route wants.
    ApiVersion(&'static str),
    RouteNotFound,
    MethodNotAllowed,
    ForeignHost,
    ForeignOrigin,
    CustomerNotFound,
    OrderNotFound,
    NotJson,
    NotObject,
    ExternalIdExists,
    OrderIdentifierRequired,
    PriceTokenNotFound,
    PriceTokenExpired,
    PriceTokenUsed,
    /// The quote's currency.
    CurrencyMismatch(String),
    CustomerMismatch,
    TotalNeedsCustomer,
    AmountOrTotal,
    InsufficientBalance,
    CardDeclined,
    CardInsufficientFunds,
    BinNotFound,
    CardNotFound,
    PaymentNotFound,
    LegalTypeNotFound,
    /// Injected faults (see `faults/`).
    InternalError,
    ServiceUnavailable,
    TooManyRequests,
    /// Why a fault plan was refused.
    FaultPlan(String),
    /// Why a clock request was refused.
    ClockRequest(String),
    Field(&'static str, Rule),
}

impl Msg {
    pub fn text(&self, lang: Lang) -> String {
        let (tr, en): (String, String) = match self {
            Self::Unauthorized => (
                "Kimlik doğrulama gerekli: geçerli bir Digest Authorization başlığı gönderin".into(),
                "Authentication required: send a valid Digest Authorization header".into(),
            ),
            Self::StaleNonce => (
                "Nonce süresi doldu; yeni nonce ile tekrar deneyin".into(),
                "The nonce has expired; retry with the new nonce".into(),
            ),
            Self::ClientIdRequired => {
                ("x-client-id başlığı zorunludur".into(), "x-client-id header is required".into())
            }
            Self::ApiVersion(version) => {
                (format!("api-version değeri {version} olmalıdır"), format!("api-version must be {version}"))
            }
            Self::RouteNotFound => ("İstenen adres bulunamadı".into(), "Route not found".into()),
            Self::MethodNotAllowed => {
                ("Bu adres için HTTP yöntemine izin verilmiyor".into(), "HTTP method not allowed for this route".into())
            }
            Self::ForeignHost => (
                "Bu sandbox yalnızca loopback adlarına yanıt verir (localhost, 127.0.0.1, [::1])".into(),
                "This sandbox answers loopback names only (localhost, 127.0.0.1, [::1])".into(),
            ),
            Self::ForeignOrigin => (
                "Bu sandbox yalnızca bu makinedeki sayfalara yanıt verir (localhost, 127.0.0.1, [::1] kaynakları)"
                    .into(),
                "This sandbox answers pages on this machine only (origins on localhost, 127.0.0.1, [::1])".into(),
            ),
            Self::CustomerNotFound => ("Müşteri bulunamadı".into(), "Customer not found".into()),
            Self::OrderNotFound => ("Sipariş bulunamadı".into(), "Order not found".into()),
            Self::NotJson => {
                ("İstek gövdesi geçerli bir JSON olmalıdır".into(), "Request body must be valid JSON".into())
            }
            Self::NotObject => {
                ("İstek gövdesi bir JSON nesnesi olmalıdır".into(), "Request body must be a JSON object".into())
            }
            Self::ExternalIdExists => ("external_id zaten kayıtlı".into(), "external_id already exists".into()),
            Self::OrderIdentifierRequired => (
                "guid, order_code veya external_id alanlarından en az biri zorunludur".into(),
                "one of guid, order_code or external_id is required".into(),
            ),
            Self::PriceTokenNotFound => ("fiyat anahtarı bulunamadı".into(), "price token not found".into()),
            Self::PriceTokenExpired => ("fiyat anahtarının süresi doldu".into(), "price token expired".into()),
            Self::PriceTokenUsed => ("fiyat anahtarı zaten kullanıldı".into(), "price token already used".into()),
            Self::CurrencyMismatch(currency) => (
                format!("currency_code fiyat anahtarının para birimiyle ({currency}) aynı olmalıdır"),
                format!("currency_code must match the price token's currency ({currency})"),
            ),
            Self::CustomerMismatch => (
                "müşteri, fiyat anahtarının alındığı müşteriyle aynı olmalıdır".into(),
                "customer must be the customer the price token was issued for".into(),
            ),
            Self::TotalNeedsCustomer => (
                "total gönderildiğinde customer_external_id zorunludur".into(),
                "customer_external_id is required when total is given".into(),
            ),
            Self::AmountOrTotal => (
                "her kalemde amount veya total alanlarından yalnızca biri olmalıdır".into(),
                "each item needs either amount or total, not both".into(),
            ),
            Self::InsufficientBalance => ("yetersiz bakiye".into(), "insufficient balance".into()),
            Self::CardDeclined => ("kart reddedildi".into(), "card declined".into()),
            Self::CardInsufficientFunds => ("kartta yetersiz bakiye".into(), "insufficient funds on card".into()),
            Self::BinNotFound => ("BIN bulunamadı".into(), "BIN not found".into()),
            Self::CardNotFound => ("Kayıtlı kart bulunamadı".into(), "Stored card not found".into()),
            Self::PaymentNotFound => ("Ödeme bulunamadı".into(), "Payment not found".into()),
            Self::LegalTypeNotFound => ("Sözleşme türü bulunamadı".into(), "Legal document type not found".into()),
            Self::InternalError => ("Sunucu hatası".into(), "Internal server error".into()),
            Self::ServiceUnavailable => ("Hizmet geçici olarak kullanılamıyor".into(), "Service unavailable".into()),
            Self::TooManyRequests => ("Çok fazla istek".into(), "Too many requests".into()),
            Self::FaultPlan(reason) => {
                (format!("geçersiz hata planı: {reason}"), format!("invalid fault plan: {reason}"))
            }
            Self::ClockRequest(reason) => {
                (format!("geçersiz saat isteği: {reason}"), format!("invalid clock request: {reason}"))
            }
            Self::Field(field, rule) => return rule.text(field, lang),
        };
        lang.pick(tr, en)
    }
}
