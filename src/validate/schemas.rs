//! Per-operation request tables: which fields exist, which are required, and the rule each follows. The request
//! types in `api/` must list exactly these fields (a test below checks it).

/// How one value is checked.
#[derive(Debug)]
pub enum Rule {
    ExternalId,
    PersonName,
    MiddleName,
    Text { min: usize, max: usize },
    Email,
    Phone,
    Gender,
    Birthdate,
    Tckn,
    Vkn,
    Bool,
    Integer { min: i64, max: i64 },
    OneOf(&'static [&'static str]),
    Object(&'static [Field]),
    Array { min: usize, max: usize, item: &'static Rule },
}

/// One field of a request object.
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub required: bool,
    pub rule: Rule,
}

const fn req(name: &'static str, rule: Rule) -> Field {
    Field { name, required: true, rule }
}

const fn opt(name: &'static str, rule: Rule) -> Field {
    Field { name, required: false, rule }
}

/// A request body.
#[derive(Debug)]
pub struct Schema {
    pub fields: &'static [Field],
    /// At least one of these fields must be present.
    pub at_least_one_of: Option<&'static [&'static str]>,
}

const fn fields(fields: &'static [Field]) -> Schema {
    Schema { fields, at_least_one_of: None }
}

/// Wallet KYC statuses this SDK sends (the endpoint is inferred; see README).
pub const KYC_STATUSES: &[&str] = &["pending", "verified", "rejected"];

const CREATE_CUSTOMER: Schema = fields(&[
    req("external_id", Rule::ExternalId),
    opt("firstname", Rule::PersonName),
    opt("middlename", Rule::MiddleName),
    opt("lastname", Rule::PersonName),
    opt("email", Rule::Email),
    opt("phone", Rule::Phone),
    opt("gender", Rule::Gender),
    opt("identity_number", Rule::Tckn),
    opt("birthdate", Rule::Birthdate),
]);

const CREATE_BUSINESS_CUSTOMER: Schema = fields(&[
    req("external_id", Rule::ExternalId),
    req("company_name", Rule::Text { min: 2, max: 150 }),
    req("identity_number", Rule::Vkn),
    opt("tax_office", Rule::Text { min: 2, max: 100 }),
    opt("firstname", Rule::PersonName),
    opt("middlename", Rule::MiddleName),
    opt("lastname", Rule::PersonName),
    opt("email", Rule::Email),
    opt("phone", Rule::Phone),
]);

const UPDATE_CUSTOMER: Schema = fields(&[
    req("firstname", Rule::PersonName),
    opt("middlename", Rule::MiddleName),
    req("lastname", Rule::PersonName),
    opt("email", Rule::Email),
    req("phone", Rule::Phone),
    opt("gender", Rule::Gender),
    req("identity_number", Rule::Tckn),
    opt("birthdate", Rule::Birthdate),
]);

const WALLET_KYC_FIELDS: &[Field] = &[
    req("status", Rule::OneOf(KYC_STATUSES)),
    opt("level", Rule::Integer { min: 0, max: 3 }),
    opt("reference", Rule::Text { min: 1, max: 100 }),
    opt("verified_at", Rule::Text { min: 1, max: 40 }),
];

const UPSERT_WALLET_KYC: Schema = fields(WALLET_KYC_FIELDS);

const BULK_WALLET_KYC_ITEM: Rule = Rule::Object(&[
    req("customer_external_id", Rule::ExternalId),
    req("status", Rule::OneOf(KYC_STATUSES)),
    opt("level", Rule::Integer { min: 0, max: 3 }),
    opt("reference", Rule::Text { min: 1, max: 100 }),
    opt("verified_at", Rule::Text { min: 1, max: 40 }),
]);

const BULK_UPSERT_WALLET_KYC: Schema =
    fields(&[req("items", Rule::Array { min: 1, max: 100, item: &BULK_WALLET_KYC_ITEM })]);

const GET_ORDER_ALTERNATIVE: Schema = Schema {
    fields: &[
        opt("guid", Rule::Text { min: 1, max: 64 }),
        opt("order_code", Rule::Text { min: 1, max: 64 }),
        opt("external_id", Rule::Text { min: 1, max: 110 }),
        opt("push_hook", Rule::Bool),
    ],
    at_least_one_of: Some(&["guid", "order_code", "external_id"]),
};

/// The body schema of an operation; `None` for operations that send no body.
pub fn schema(operation: &str) -> Option<&'static Schema> {
    Some(match operation {
        "createCustomer" => &CREATE_CUSTOMER,
        "createBusinessCustomer" => &CREATE_BUSINESS_CUSTOMER,
        "updateCustomer" => &UPDATE_CUSTOMER,
        "upsertCustomerWalletKyc" => &UPSERT_WALLET_KYC,
        "bulkUpsertCustomerWalletKyc" => &BULK_UPSERT_WALLET_KYC,
        "getOrderAlternative" => &GET_ORDER_ALTERNATIVE,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routes::{Method, ROUTES};

    #[test]
    fn operations_with_a_body_have_a_schema_and_reads_do_not() {
        for route in ROUTES {
            let has_body = matches!(route.method, Method::Post | Method::Patch);
            assert_eq!(schema(route.operation).is_some(), has_body, "{}", route.operation);
        }
    }

    #[test]
    fn field_names_are_unique_within_each_schema() {
        for route in ROUTES {
            if let Some(schema) = schema(route.operation) {
                for (i, f) in schema.fields.iter().enumerate() {
                    assert!(schema.fields[..i].iter().all(|o| o.name != f.name), "{}.{}", route.operation, f.name);
                }
            }
        }
    }
}
