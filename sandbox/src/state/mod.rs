//! The in-memory API data: customers (with wallets and wallet KYC) and orders, plus their wire views.

mod seed;

use std::collections::BTreeMap;

use serde_json::{json, Value};
use time::macros::format_description;

use crate::envelope::number;

pub const COMPANY_ID: i64 = 2_000_000;
pub const COMPANY_NAME: &str = "The Minted App Ltd";

/// One kind of wallet every customer has.
pub struct WalletKind {
    pub name: &'static str,
    pub currency_id: i64,
    pub currency_symbol: &'static str,
    pub currency_code: &'static str,
    pub is_cash: bool,
}

/// The wallets of a customer, in the order `getCustomer` lists them; [`Customer::balances`] follows this order.
pub const WALLETS: [WalletKind; 3] = [
    WalletKind {
        name: "Gold Wallet",
        currency_id: 1_000_004,
        currency_symbol: "",
        currency_code: "MAU",
        is_cash: false,
    },
    WalletKind {
        name: "Silver Wallet",
        currency_id: 1_000_005,
        currency_symbol: "",
        currency_code: "MAG",
        is_cash: false,
    },
    WalletKind {
        name: "Cash Wallet",
        currency_id: 1_000_000,
        currency_symbol: "£",
        currency_code: "GBP",
        is_cash: true,
    },
];

/// `now` as the API writes record timestamps: `YYYY-MM-DD HH:MM:SS` (UTC).
pub fn now_timestamp() -> String {
    time::OffsetDateTime::now_utc()
        .format(format_description!("[year]-[month]-[day] [hour]:[minute]:[second]"))
        .unwrap_or_default()
}

/// Fields only business customers have.
#[derive(Clone, Debug, PartialEq)]
pub struct Business {
    pub company_name: String,
    pub tax_office: Option<String>,
}

/// A customer's wallet KYC record.
#[derive(Clone, Debug, PartialEq)]
pub struct Kyc {
    pub status: String,
    pub level: i64,
    pub reference: Option<String>,
    pub verified_at: Option<String>,
    pub updated_at: Option<String>,
}

impl Default for Kyc {
    fn default() -> Self {
        Self { status: "pending".to_owned(), level: 0, reference: None, verified_at: None, updated_at: None }
    }
}

/// One customer. Optional text fields are `None` when absent or empty.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Customer {
    pub id: u64,
    pub external_id: String,
    pub firstname: Option<String>,
    pub middlename: Option<String>,
    pub lastname: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub gender: Option<String>,
    pub identity_number: Option<String>,
    pub birthdate: Option<String>,
    pub business: Option<Business>,
    /// Gold, silver, cash — as in [`WALLETS`].
    pub balances: [f64; 3],
    pub kyc: Kyc,
    pub created_at: String,
    pub updated_at: String,
}

fn text(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("")
}

impl Customer {
    pub fn fullname(&self) -> String {
        format!("{} {}", text(&self.firstname), text(&self.lastname)).trim().to_owned()
    }

    /// `CustomerRecord`: the `data` of create and update.
    pub fn record(&self) -> Value {
        let mut record = json!({
            "id": self.id,
            "external_id": self.external_id,
            "company_id": COMPANY_ID,
            "user_id": null,
            "firstname": text(&self.firstname),
            "middlename": self.middlename,
            "lastname": text(&self.lastname),
            "fullname": self.fullname(),
            "email": text(&self.email),
            "phone": self.phone,
            "gender": self.gender,
            "identity_number": self.identity_number,
            "birthdate": self.birthdate,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        });
        if let (Some(business), Some(map)) = (&self.business, record.as_object_mut()) {
            map.insert("company_name".to_owned(), json!(business.company_name));
            map.insert("tax_office".to_owned(), json!(business.tax_office));
        }
        record
    }

    /// `CustomerWithWallets`: the `data` of `getCustomer`.
    pub fn with_wallets(&self) -> Value {
        let customer_name = self.fullname();
        let wallets: Vec<Value> = WALLETS
            .iter()
            .zip(self.balances)
            .map(|(kind, balance)| {
                json!({
                    "customer_name": customer_name,
                    "name": kind.name,
                    "type": "regular",
                    "company_id": COMPANY_ID,
                    "company_name": COMPANY_NAME,
                    "currency_id": kind.currency_id,
                    "currency_symbol": kind.currency_symbol,
                    "currency_code": kind.currency_code,
                    "is_cash": kind.is_cash,
                    "balance": number(balance),
                    "blocked": 0,
                    "real_balance": number(balance),
                })
            })
            .collect();
        json!({
            "external_id": self.external_id,
            "firstname": text(&self.firstname),
            "middlename": text(&self.middlename),
            "lastname": text(&self.lastname),
            "fullname": customer_name,
            "email": text(&self.email),
            "phone": text(&self.phone),
            "gender": text(&self.gender),
            "identity_number": self.identity_number,
            "birthdate": self.birthdate,
            "wallets": wallets,
        })
    }

    /// The wallet KYC view.
    pub fn kyc_view(&self) -> Value {
        let kyc = &self.kyc;
        json!({
            "customer_external_id": self.external_id,
            "status": kyc.status,
            "level": kyc.level,
            "reference": kyc.reference,
            "verified_at": kyc.verified_at,
            "updated_at": kyc.updated_at,
        })
    }
}

/// An order as served. `data` is kept as JSON because the API returns more than one field set for orders.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredOrder {
    pub guid: String,
    pub order_code: String,
    pub external_id: Option<String>,
    pub data: Value,
}

impl StoredOrder {
    /// Indexes an order body by the identifiers it carries.
    pub fn from_data(data: Value) -> Self {
        let field = |name: &str| data.get(name).and_then(Value::as_str).map(str::to_owned);
        Self {
            guid: field("guid").unwrap_or_default(),
            order_code: field("order_code").unwrap_or_default(),
            external_id: field("external_id"),
            data,
        }
    }
}

/// Identifiers for an order lookup; every one given must match.
#[derive(Clone, Copy, Debug, Default)]
pub struct OrderQuery<'a> {
    pub guid: Option<&'a str>,
    pub order_code: Option<&'a str>,
    pub external_id: Option<&'a str>,
}

/// All API data of one sandbox run.
#[derive(Debug, Default)]
pub struct Store {
    customers: BTreeMap<String, Customer>,
    next_customer_id: u64,
    orders: Vec<StoredOrder>,
}

impl Store {
    /// A store holding the seed customers and orders (see `seed.rs`).
    pub fn seeded() -> Self {
        let mut store = Self { next_customer_id: 1, ..Self::default() };
        seed::fill(&mut store);
        store
    }

    pub fn customer(&self, external_id: &str) -> Option<&Customer> {
        self.customers.get(external_id)
    }

    pub fn customer_mut(&mut self, external_id: &str) -> Option<&mut Customer> {
        self.customers.get_mut(external_id)
    }

    /// Adds a customer with the next id and fresh timestamps; `None` when the external id is taken.
    pub fn add_customer(&mut self, mut customer: Customer) -> Option<&Customer> {
        if self.customers.contains_key(&customer.external_id) {
            return None;
        }
        customer.id = self.next_customer_id;
        self.next_customer_id += 1;
        customer.created_at = now_timestamp();
        customer.updated_at = customer.created_at.clone();
        let key = customer.external_id.clone();
        Some(self.customers.entry(key).or_insert(customer))
    }

    pub fn remove_customer(&mut self, external_id: &str) -> Option<Customer> {
        self.customers.remove(external_id)
    }

    pub fn add_order(&mut self, order: StoredOrder) {
        self.orders.push(order);
    }

    /// The first order matching every identifier given; guids compare case-insensitively (they are UUIDs).
    pub fn find_order(&self, query: OrderQuery<'_>) -> Option<&StoredOrder> {
        if query.guid.is_none() && query.order_code.is_none() && query.external_id.is_none() {
            return None;
        }
        self.orders.iter().find(|order| {
            query.guid.is_none_or(|guid| order.guid.eq_ignore_ascii_case(guid))
                && query.order_code.is_none_or(|code| order.order_code == code)
                && query.external_id.is_none_or(|id| order.external_id.as_deref() == Some(id))
        })
    }
}
