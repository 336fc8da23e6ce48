//! Customers: create (person and business), update, remove, get with wallets.

use serde_json::json;

use super::call::{Call, Route};
use crate::dates;
use crate::envelope::{code, ok, Failure, Reply};
use crate::messages::Msg;
use crate::state::{Business, Customer};
use crate::validate::{self, Fields};

pub const ROUTES: &[Route] = &[
    Route::new("POST", "/partner/customer", create),
    Route::new("POST", "/partner/customer/business", create_business),
    Route::new("GET", "/partner/customer/{external_customer_id}", fetch),
    Route::new("PATCH", "/partner/customer/{external_customer_id}", update),
    Route::new("DELETE", "/partner/customer/{external_customer_id}", remove),
];

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

fn insert(call: &mut Call<'_>, customer: Customer) -> Reply {
    match call.world.store.add_customer(customer, call.now_ms) {
        Some(created) => ok(created.record()),
        None => Err(Failure::unprocessable(code::DUPLICATE, Msg::ExternalIdExists)),
    }
}

/// `createCustomer`.
fn create(call: &mut Call<'_>) -> Reply {
    let body = call.body()?;
    let fields = Fields(&body);
    let mut customer = Customer { external_id: external_id(fields)?, ..Customer::default() };
    read_person(fields)?.apply(&mut customer);
    insert(call, customer)
}

/// `createBusinessCustomer`: a customer plus company name, a 10-digit tax number and tax office.
fn create_business(call: &mut Call<'_>) -> Reply {
    let body = call.body()?;
    let fields = Fields(&body);
    let external_id = external_id(fields)?;
    let company_name = fields.required_string("company_name")?.trim().to_owned();
    let identity_number = fields.required_string("identity_number")?.trim();
    validate::ten_digits("identity_number", identity_number)?;
    let tax_office = fields.string("tax_office")?.map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    let mut customer =
        Customer { external_id, business: Some(Business { company_name, tax_office }), ..Customer::default() };
    read_person(fields)?.apply(&mut customer);
    insert(call, customer)
}

/// `updateCustomer`. An `external_id` in the body is ignored, as the docs' example sends one.
fn update(call: &mut Call<'_>) -> Reply {
    let (id, body) = (call.id(), call.body()?);
    let fields = Fields(&body);
    let store = &mut call.world.store;
    if store.customer(&id).is_none() {
        return Err(Failure::not_found(Msg::CustomerNotFound));
    }
    for required in ["firstname", "lastname", "phone", "identity_number"] {
        fields.required_string(required)?;
    }
    validate::min_length("identity_number", fields.required_string("identity_number")?.trim(), 3)?;
    let input = read_person(fields)?;
    let customer = store.customer_mut(&id).ok_or_else(|| Failure::not_found(Msg::CustomerNotFound))?;
    input.apply(customer);
    customer.updated_at = dates::timestamp(call.now_ms);
    ok(customer.record())
}

/// `removeCustomer`.
fn remove(call: &mut Call<'_>) -> Reply {
    let removed =
        call.world.store.remove_customer(&call.id()).ok_or_else(|| Failure::not_found(Msg::CustomerNotFound))?;
    ok(json!({"external_id": removed.external_id, "removed": true}))
}

/// `getCustomer`.
fn fetch(call: &mut Call<'_>) -> Reply {
    let customer = call.world.store.customer(&call.id()).ok_or_else(|| Failure::not_found(Msg::CustomerNotFound))?;
    ok(customer.with_wallets())
}
