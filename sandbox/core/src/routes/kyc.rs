//! Customer wallet KYC: get, upsert, bulk upsert (paths inferred; the docs only list the entries).

use serde_json::{json, Map, Value};

use super::call::{Call, Route};
use crate::dates;
use crate::envelope::{ok, Failure, Reply};
use crate::messages::Msg;
use crate::rules::Rule;
use crate::state::{Customer, Kyc};
use crate::validate::{self, Fields};

const STATUSES: &[&str] = &["pending", "verified", "rejected"];
const MAX_BULK_ITEMS: usize = 100;

pub const ROUTES: &[Route] = &[
    Route::new("GET", "/partner/customer/{external_customer_id}/wallet-kyc", fetch),
    Route::new("POST", "/partner/customer/{external_customer_id}/wallet-kyc", upsert),
    Route::new("POST", "/partner/customer/wallet-kyc/bulk", bulk_upsert),
];

/// A KYC record from a body (or bulk item), stamped `now_ms`.
fn read_kyc(fields: Fields<'_>, now_ms: i64) -> Result<Kyc, Failure> {
    let status = fields.required_string("status")?;
    validate::one_of("status", status, STATUSES)?;
    let level = fields.integer("level")?.unwrap_or(0);
    if !(0..=3).contains(&level) {
        return Err(Failure::field("level", Rule::Range(0, 3)));
    }
    Ok(Kyc {
        status: status.to_owned(),
        level,
        reference: fields.string("reference")?.map(str::to_owned),
        verified_at: fields.string("verified_at")?.map(str::to_owned),
        updated_at: Some(dates::timestamp(now_ms)),
        writes: 0,
    })
}

/// Replaces a customer's record, counting the write.
fn store_kyc(customer: &mut Customer, kyc: Kyc) {
    customer.kyc = Kyc { writes: customer.kyc.writes + 1, ..kyc };
}

/// `getCustomerWalletKyc`.
fn fetch(call: &mut Call<'_>) -> Reply {
    let customer = call.world.store.customer(&call.id()).ok_or_else(|| Failure::not_found(Msg::CustomerNotFound))?;
    ok(customer.kyc_view())
}

/// `upsertCustomerWalletKyc`: replaces the record.
fn upsert(call: &mut Call<'_>) -> Reply {
    let (id, body) = (call.id(), call.body()?);
    let store = &mut call.world.store;
    if store.customer(&id).is_none() {
        return Err(Failure::not_found(Msg::CustomerNotFound));
    }
    let kyc = read_kyc(Fields(&body), call.now_ms)?;
    let customer = store.customer_mut(&id).ok_or_else(|| Failure::not_found(Msg::CustomerNotFound))?;
    store_kyc(customer, kyc);
    ok(customer.kyc_view())
}

/// `bulkUpsertCustomerWalletKyc`: 1–100 items, one result each in input order; a bad item fails alone.
fn bulk_upsert(call: &mut Call<'_>) -> Reply {
    let (lang, now_ms) = (call.lang, call.now_ms);
    let body = call.body()?;
    let items = Fields(&body).array("items")?.ok_or_else(|| Failure::field("items", Rule::Required))?;
    if items.is_empty() || items.len() > MAX_BULK_ITEMS {
        return Err(Failure::field("items", Rule::Items(1, MAX_BULK_ITEMS)));
    }
    let empty = Map::new();
    let store = &mut call.world.store;
    let results: Vec<Value> = items
        .iter()
        .map(|item| {
            let fields = Fields(item.as_object().unwrap_or(&empty));
            let id = fields.string("customer_external_id").ok().flatten().unwrap_or("");
            let outcome = if !item.is_object() {
                Err(Failure::field("items", Rule::Type("object")).msg)
            } else if id.is_empty() {
                Err(Msg::Field("customer_external_id", Rule::Required))
            } else if let Some(customer) = store.customer_mut(id) {
                read_kyc(fields, now_ms).map(|kyc| store_kyc(customer, kyc)).map_err(|failure| failure.msg)
            } else {
                Err(Msg::CustomerNotFound)
            };
            let message = match outcome {
                Ok(()) => None,
                // The bulk result keeps the API's lower-case wording for a missing customer.
                Err(Msg::CustomerNotFound) => Some(lang.pick("müşteri bulunamadı", "customer not found")),
                Err(msg) => Some(msg.text(lang)),
            };
            json!({"customer_external_id": id, "success": message.is_none(), "message": message})
        })
        .collect();
    ok(json!({ "results": results }))
}
