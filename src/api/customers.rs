//! Customers: create (person or business), update, remove, get with wallets, and wallet KYC.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::{open_interfaces, OrNull};
use crate::shape::{described, opt, req, Shape};

/// Body of `createCustomer` (`POST /partner/customer`). Only `external_id` is required by the API.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct CreateCustomerRequest {
    /// Your id for this customer: 3–40 of `A-Z a-z 0-9 - _`. Every later call uses it.
    pub external_id: String,
    /// 3–40 letters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub firstname: Option<String>,
    /// Empty, or 3–40 letters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub middlename: Option<String>,
    /// 3–40 letters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub lastname: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub email: Option<String>,
    /// E.164 (`+905321234567`). Turkish national forms (`0532…`, `532…`, `90532…`) are normalised before sending.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Gender")]
    pub gender: Option<String>,
    /// T.C. identity number (TCKN): 11 digits, not starting with 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub identity_number: Option<String>,
    /// `YYYY-MM-DD`, in the past.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub birthdate: Option<String>,
}

/// Body of `createBusinessCustomer` (inferred path `POST /partner/customer/business`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct CreateBusinessCustomerRequest {
    /// Your id for this customer: 3–40 of `A-Z a-z 0-9 - _`.
    pub external_id: String,
    /// Registered company name.
    pub company_name: String,
    /// The company's tax number (VKN): 10 digits.
    pub identity_number: String,
    /// Tax office (vergi dairesi).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub tax_office: Option<String>,
    /// Contact person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub firstname: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub middlename: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub lastname: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub phone: Option<String>,
}

/// Body of `updateCustomer` (`PATCH /partner/customer/{external_customer_id}`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct UpdateCustomerRequest {
    pub firstname: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub middlename: Option<String>,
    pub lastname: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub email: Option<String>,
    pub phone: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional, type = "Gender")]
    pub gender: Option<String>,
    pub identity_number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub birthdate: Option<String>,
}

/// `data` of `createCustomer`, `createBusinessCustomer` and `updateCustomer`.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct CustomerRecord {
    pub external_id: String,
    #[tsify(optional)]
    pub id: OrNull<f64>,
    #[tsify(optional)]
    pub company_id: OrNull<f64>,
    #[tsify(optional)]
    pub user_id: OrNull<f64>,
    #[tsify(optional)]
    pub firstname: OrNull<String>,
    #[tsify(optional)]
    pub middlename: OrNull<String>,
    #[tsify(optional)]
    pub lastname: OrNull<String>,
    #[tsify(optional)]
    pub fullname: OrNull<String>,
    #[tsify(optional)]
    pub email: OrNull<String>,
    #[tsify(optional)]
    pub phone: OrNull<String>,
    #[tsify(optional)]
    pub gender: OrNull<String>,
    #[tsify(optional)]
    pub identity_number: OrNull<String>,
    #[tsify(optional)]
    pub birthdate: OrNull<String>,
    /// Business customers only.
    #[tsify(optional)]
    pub company_name: OrNull<String>,
    /// Business customers only.
    #[tsify(optional)]
    pub tax_office: OrNull<String>,
    /// As sent by the server, e.g. `2023-03-05 04:51:18`.
    #[tsify(optional)]
    pub created_at: OrNull<String>,
    #[tsify(optional)]
    pub updated_at: OrNull<String>,
}

/// One wallet of a customer (gold `MAU`, silver `MAG`, cash in the partner currency).
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct Wallet {
    /// `MAU` (gold), `MAG` (silver), or a fiat code for the cash wallet.
    pub currency_code: String,
    #[tsify(optional)]
    pub name: OrNull<String>,
    #[tsify(optional)]
    pub customer_name: OrNull<String>,
    #[serde(rename = "type")]
    #[tsify(optional)]
    pub wallet_type: OrNull<String>,
    #[tsify(optional)]
    pub company_id: OrNull<f64>,
    #[tsify(optional)]
    pub company_name: OrNull<String>,
    #[tsify(optional)]
    pub currency_id: OrNull<f64>,
    #[tsify(optional)]
    pub currency_symbol: OrNull<String>,
    #[tsify(optional)]
    pub is_cash: OrNull<bool>,
    /// Grams for metal wallets, money for cash; fractions occur.
    #[tsify(optional)]
    pub balance: OrNull<f64>,
    #[tsify(optional)]
    pub blocked: OrNull<f64>,
    #[tsify(optional)]
    pub real_balance: OrNull<f64>,
}

/// `data` of `getCustomer`: the customer and its wallets.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct CustomerWithWallets {
    pub external_id: String,
    #[tsify(optional)]
    pub firstname: OrNull<String>,
    #[tsify(optional)]
    pub middlename: OrNull<String>,
    #[tsify(optional)]
    pub lastname: OrNull<String>,
    #[tsify(optional)]
    pub fullname: OrNull<String>,
    #[tsify(optional)]
    pub email: OrNull<String>,
    #[tsify(optional)]
    pub phone: OrNull<String>,
    #[tsify(optional)]
    pub gender: OrNull<String>,
    #[tsify(optional)]
    pub identity_number: OrNull<String>,
    #[tsify(optional)]
    pub birthdate: OrNull<String>,
    pub wallets: Vec<Wallet>,
}

/// `data` of `removeCustomer` (shape not documented; the fields below are what the sandbox returns).
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct RemoveCustomerResult {
    #[tsify(optional)]
    pub external_id: OrNull<String>,
    #[tsify(optional)]
    pub removed: OrNull<bool>,
}

/// `data` of `removeCustomer`: the result, or `null` when the API sends none.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
#[tsify(type = "RemoveCustomerResult | null")]
pub struct RemoveCustomerResponse(pub Option<RemoveCustomerResult>);

/// Body of `upsertCustomerWalletKyc` (inferred endpoint).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct WalletKycRequest {
    #[tsify(type = "WalletKycStatus")]
    pub status: String,
    /// 0–3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub level: Option<u8>,
    /// Your KYC provider's reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub reference: Option<String>,
    /// When the check passed, as your provider reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub verified_at: Option<String>,
}

/// One entry of `bulkUpsertCustomerWalletKyc`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct BulkWalletKycItem {
    pub customer_external_id: String,
    #[tsify(type = "WalletKycStatus")]
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub level: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub verified_at: Option<String>,
}

/// Body of `bulkUpsertCustomerWalletKyc`: 1–100 entries.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct BulkWalletKycRequest {
    pub items: Vec<BulkWalletKycItem>,
}

/// `data` of the wallet KYC calls (inferred shape).
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct WalletKyc {
    pub customer_external_id: String,
    #[tsify(type = "WalletKycStatus | (string & {})")]
    pub status: String,
    #[tsify(optional)]
    pub level: OrNull<f64>,
    #[tsify(optional)]
    pub reference: OrNull<String>,
    #[tsify(optional)]
    pub verified_at: OrNull<String>,
    #[tsify(optional)]
    pub updated_at: OrNull<String>,
}

/// One outcome of a bulk KYC upsert.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct BulkWalletKycOutcome {
    pub customer_external_id: String,
    pub success: bool,
    #[tsify(optional)]
    pub message: OrNull<String>,
}

/// `data` of `bulkUpsertCustomerWalletKyc`.
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct BulkWalletKycResult {
    pub results: Vec<BulkWalletKycOutcome>,
}

open_interfaces!(
    "CustomerRecord",
    "Wallet",
    "CustomerWithWallets",
    "RemoveCustomerResult",
    "WalletKyc",
    "BulkWalletKycOutcome",
    "BulkWalletKycResult",
);

// Response shapes, checked against the structs above by `api::tests`.

pub const CUSTOMER_RECORD: Shape = Shape::Obj(&[
    req("external_id", Shape::Str),
    opt("id", Shape::Num),
    opt("company_id", Shape::Num),
    opt("user_id", Shape::Num),
    opt("firstname", Shape::Str),
    opt("middlename", Shape::Str),
    opt("lastname", Shape::Str),
    opt("fullname", Shape::Str),
    opt("email", Shape::Str),
    opt("phone", Shape::Str),
    opt("gender", Shape::Str),
    opt("identity_number", Shape::Str),
    opt("birthdate", Shape::Str),
    opt("company_name", Shape::Str),
    opt("tax_office", Shape::Str),
    opt("created_at", Shape::Str),
    opt("updated_at", Shape::Str),
]);

pub const WALLET: Shape = Shape::Obj(&[
    req("currency_code", Shape::Str),
    opt("name", Shape::Str),
    opt("customer_name", Shape::Str),
    opt("type", Shape::Str),
    opt("company_id", Shape::Num),
    opt("company_name", Shape::Str),
    opt("currency_id", Shape::Num),
    opt("currency_symbol", Shape::Str),
    opt("is_cash", Shape::Bool),
    opt("balance", Shape::Num),
    opt("blocked", Shape::Num),
    opt("real_balance", Shape::Num),
]);

pub const CUSTOMER_WITH_WALLETS: Shape = Shape::Obj(&[
    req("external_id", Shape::Str),
    opt("firstname", Shape::Str),
    opt("middlename", Shape::Str),
    opt("lastname", Shape::Str),
    opt("fullname", Shape::Str),
    opt("email", Shape::Str),
    opt("phone", Shape::Str),
    opt("gender", Shape::Str),
    opt("identity_number", Shape::Str),
    opt("birthdate", Shape::Str),
    req("wallets", Shape::Arr(&WALLET)),
]);

pub const REMOVE_CUSTOMER_RESULT: Shape = Shape::Obj(&[opt("external_id", Shape::Str), opt("removed", Shape::Bool)]);

pub const WALLET_KYC: Shape = Shape::Obj(&[
    req("customer_external_id", Shape::Str),
    req("status", Shape::Str),
    opt("level", Shape::Num),
    opt("reference", Shape::Str),
    opt("verified_at", Shape::Str),
    opt("updated_at", Shape::Str),
]);

pub const BULK_WALLET_KYC_OUTCOME: Shape =
    Shape::Obj(&[req("customer_external_id", Shape::Str), req("success", Shape::Bool), opt("message", Shape::Str)]);

pub const BULK_WALLET_KYC_RESULT: Shape = Shape::Obj(&[req("results", Shape::Arr(&BULK_WALLET_KYC_OUTCOME))]);

described!(CustomerRecord => CUSTOMER_RECORD);
described!(Wallet => WALLET);
described!(CustomerWithWallets => CUSTOMER_WITH_WALLETS);
described!(RemoveCustomerResult => REMOVE_CUSTOMER_RESULT);
described!(RemoveCustomerResponse => REMOVE_CUSTOMER_RESULT, nullable);
described!(WalletKyc => WALLET_KYC);
described!(BulkWalletKycOutcome => BULK_WALLET_KYC_OUTCOME);
described!(BulkWalletKycResult => BULK_WALLET_KYC_RESULT);
