//! Customers: create (person and business), update, remove, get with wallets.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use serde_json::json;

use super::Id;
use crate::envelope::{code, ok, Failure, Msg, Reply};
use crate::state::{now_timestamp, Business, Customer};
use crate::validate::{self, json_object, Fields};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/partner/customer", post(create))
        .route("/partner/customer/business", post(create_business))
        .route("/partner/customer/{external_customer_id}", get(fetch).patch(update).delete(remove))
}

/// The person fields of a body. `None`: absent (or null), leave as is; `Some("")`: clear.
#[derive(Default)]
struct PersonInput {
    firstname: Option<String>,
    middlename: Option<String>,
    lastname: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    gender: Option<String>,
    identity_number: Option<String>,
    birthdate: Option<String>,
}

type Check = fn(&'static str, &str) -> Result<(), Failure>;

fn read_person(fields: Fields<'_>) -> Result<PersonInput, Failure> {
    let name: Check = |field, value| validate::length(field, value, 3, 40);
    let any: Check = |_, _| Ok(());
    let read = |field: &'static str, check: Check| -> Result<Option<String>, Failure> {
        match fields.string(field)?.map(str::trim) {
            Some(value) if !value.is_empty() => check(field, value).map(|()| Some(value.to_owned())),
            other => Ok(other.map(str::to_owned)),
        }
    };
    Ok(PersonInput {
        firstname: read("firstname", name)?,
        middlename: read("middlename", name)?,
        lastname: read("lastname", name)?,
        email: read("email", validate::email)?,
        phone: read("phone", any)?,
        gender: read("gender", validate::gender)?,
        identity_number: read("identity_number", any)?,
        birthdate: read("birthdate", validate::date)?,
    })
}

impl PersonInput {
    fn apply(self, customer: &mut Customer) {
        let set = |slot: &mut Option<String>, value: Option<String>| {
            if let Some(value) = value {
                *slot = (!value.is_empty()).then_some(value);
            }
        };
        set(&mut customer.firstname, self.firstname);
        set(&mut customer.middlename, self.middlename);
        set(&mut customer.lastname, self.lastname);
        set(&mut customer.email, self.email);
        set(&mut customer.phone, self.phone);
        set(&mut customer.gender, self.gender);
        set(&mut customer.identity_number, self.identity_number);
        set(&mut customer.birthdate, self.birthdate);
    }
}

fn external_id(fields: Fields<'_>) -> Result<String, Failure> {
    let value = fields.required_string("external_id")?;
    validate::external_id("external_id", value)?;
    Ok(value.to_owned())
}

fn insert(state: &AppState, customer: Customer) -> Reply {
    let mut store = state.store();
    match store.add_customer(customer) {
        Some(created) => ok(created.record()),
        None => Err(Failure::new(StatusCode::UNPROCESSABLE_ENTITY, code::DUPLICATE, Msg::ExternalIdExists)),
    }
}

/// `createCustomer`.
async fn create(State(state): State<AppState>, body: Bytes) -> Reply {
    let body = json_object(&body)?;
    let fields = Fields(&body);
    let mut customer = Customer { external_id: external_id(fields)?, ..Customer::default() };
    read_person(fields)?.apply(&mut customer);
    insert(&state, customer)
}

/// `createBusinessCustomer`: a customer plus company name, a 10-digit tax number and tax office.
async fn create_business(State(state): State<AppState>, body: Bytes) -> Reply {
    let body = json_object(&body)?;
    let fields = Fields(&body);
    let external_id = external_id(fields)?;
    let company_name = fields.required_string("company_name")?.trim().to_owned();
    let identity_number = fields.required_string("identity_number")?.trim();
    validate::ten_digits("identity_number", identity_number)?;
    let tax_office = fields.string("tax_office")?.map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    let mut customer =
        Customer { external_id, business: Some(Business { company_name, tax_office }), ..Customer::default() };
    read_person(fields)?.apply(&mut customer);
    insert(&state, customer)
}

/// `updateCustomer`. An `external_id` in the body is ignored, as the docs' example sends one.
async fn update(State(state): State<AppState>, Id(id): Id, body: Bytes) -> Reply {
    let body = json_object(&body)?;
    let fields = Fields(&body);
    if state.store().customer(&id).is_none() {
        return Err(Failure::not_found(Msg::CustomerNotFound));
    }
    for required in ["firstname", "lastname", "phone", "identity_number"] {
        fields.required_string(required)?;
    }
    validate::min_length("identity_number", fields.required_string("identity_number")?.trim(), 3)?;
    let input = read_person(fields)?;
    let mut store = state.store();
    let customer = store.customer_mut(&id).ok_or_else(|| Failure::not_found(Msg::CustomerNotFound))?;
    input.apply(customer);
    customer.updated_at = now_timestamp();
    ok(customer.record())
}

/// `removeCustomer`.
async fn remove(State(state): State<AppState>, Id(id): Id) -> Reply {
    let removed = state.store().remove_customer(&id).ok_or_else(|| Failure::not_found(Msg::CustomerNotFound))?;
    ok(json!({"external_id": removed.external_id, "removed": true}))
}

/// `getCustomer`.
async fn fetch(State(state): State<AppState>, Id(id): Id) -> Reply {
    let store = state.store();
    let customer = store.customer(&id).ok_or_else(|| Failure::not_found(Msg::CustomerNotFound))?;
    ok(customer.with_wallets())
}
