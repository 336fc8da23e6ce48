//! Customers, the owners of wallets, and the JSON views of both.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::envelope::number;
use crate::ledger::Balances;

pub const COMPANY_ID: i64 = 2_000_000;
pub const COMPANY_NAME: &str = "The Minted App Ltd";

/// The holder of a set of wallets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Owner {
    /// The partner's own account (B2B).
    Partner,
    Customer(String),
}

impl Owner {
    pub fn customer_id(&self) -> Option<&str> {
        match self {
            Self::Partner => None,
            Self::Customer(id) => Some(id),
        }
    }
}

/// One kind of wallet.
#[derive(Debug, PartialEq)]
pub struct WalletKind {
    pub name: &'static str,
    pub currency_id: i64,
    pub currency_symbol: &'static str,
    pub currency_code: &'static str,
    pub is_cash: bool,
}

const fn metal(name: &'static str, currency_id: i64, currency_code: &'static str) -> WalletKind {
    WalletKind { name, currency_id, currency_symbol: "", currency_code, is_cash: false }
}

/// Every wallet kind, in the order wallets are listed (`getCustomer` shows MAU, MAG, then cash).
pub const WALLET_KINDS: [WalletKind; 5] = [
    metal("Gold Wallet", 1_000_004, "MAU"),
    metal("Silver Wallet", 1_000_005, "MAG"),
    metal("Platinum Wallet", 1_000_017, "MAP"),
    metal("Palladium Wallet", 1_000_018, "MAD"),
    WalletKind {
        name: "Cash Wallet",
        currency_id: 1_000_000,
        currency_symbol: "£",
        currency_code: CASH,
        is_cash: true,
    },
];

/// The cash wallet's code: cash is held in the partner currency.
pub const CASH: &str = "GBP";
/// The cash wallet's kind (the last of [`WALLET_KINDS`]).
pub const CASH_KIND: &WalletKind = &WALLET_KINDS[4];
/// Wallets every customer (and the partner) has from the start; platinum and palladium appear on first credit.
pub const DEFAULT_WALLETS: [&str; 3] = ["MAU", "MAG", CASH];

pub fn wallet_kind(code: &str) -> Option<&'static WalletKind> {
    WALLET_KINDS.iter().find(|kind| kind.currency_code == code)
}

/// An owner's wallets in listing order, with their balances.
pub fn listed(balances: &Balances) -> impl Iterator<Item = (&'static WalletKind, f64)> + '_ {
    WALLET_KINDS.iter().filter_map(|kind| balances.get(kind.currency_code).map(|balance| (kind, *balance)))
}

/// Wallets at zero, for a new owner.
pub fn empty_wallets() -> Balances {
    DEFAULT_WALLETS.iter().map(|code| ((*code).to_owned(), 0.0)).collect()
}

/// `CustomerBalanceItem` (12 fields); `customer_external_id` is null for the partner's own wallets.
pub fn balance_item(customer_external_id: Option<&str>, kind: &WalletKind, balance: f64) -> Value {
    json!({
        "customer_external_id": customer_external_id,
        "name": kind.name,
        "currency_id": kind.currency_id,
        "currency_symbol": kind.currency_symbol,
        "currency_code": kind.currency_code,
        "is_cash": kind.is_cash,
        "balance": number(balance),
        "blocked": 0,
        "real_balance": number(balance),
        "soft_blocked_amount": 0,
        "stats": {},
        "prices": {},
    })
}

/// Fields only business customers have.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Business {
    pub company_name: String,
    pub tax_office: Option<String>,
}

/// A customer's wallet KYC record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Kyc {
    pub status: String,
    pub level: i64,
    pub reference: Option<String>,
    pub verified_at: Option<String>,
    pub updated_at: Option<String>,
    /// How many upserts wrote this record (single or bulk); shown only by `GET /__sandbox/state`.
    #[serde(default)]
    pub writes: u64,
}

impl Default for Kyc {
    fn default() -> Self {
        Self { status: "pending".to_owned(), level: 0, reference: None, verified_at: None, updated_at: None, writes: 0 }
    }
}

/// One customer. Optional text fields are `None` when absent or empty.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
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
    /// Balances by wallet code; change them only through `Store::transfer`, which keeps the ledger.
    pub wallets: Balances,
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
        let wallets: Vec<Value> = listed(&self.wallets)
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

    /// The `OrderCustomer` block of this customer's orders.
    pub fn order_block(&self) -> Value {
        json!({
            "external_id": self.external_id,
            "firstname": text(&self.firstname),
            "middlename": self.middlename,
            "lastname": text(&self.lastname),
            "fullname": self.fullname(),
            "email": text(&self.email),
            "phone": text(&self.phone),
            "gender": text(&self.gender),
            "identity_number": self.identity_number,
            "birthdate": self.birthdate,
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
