//! Card payment: payment types, the BIN query, and charging a card (raw or stored) for a buy or a delivery with the
//! sandbox test cards' outcomes.

use serde_json::{json, Value};

use super::call::{Call, Route};
use crate::cards::{self, Behaviour};
use crate::dates;
use crate::envelope::{code, ok, Failure, Reply};
use crate::messages::Msg;
use crate::pricing::round2;
use crate::random::Rng;
use crate::rules::Rule;
use crate::state::Store;
use crate::validate::Fields;

pub const ROUTES: &[Route] = &[
    Route::new("GET", "/partner/payment/types", payment_types),
    Route::new("POST", "/partner/payment/bin", bin_query),
];

/// `getPaymentTypes`.
fn payment_types(call: &mut Call<'_>) -> Reply {
    let lang = call.lang;
    ok(json!([
        {"code": "cash", "name": lang.pick("Nakit cüzdan", "Cash wallet"), "enabled": true},
        {"code": "creditcard", "name": lang.pick("Kredi kartı", "Credit card"), "enabled": true},
    ]))
}

/// `cardPaymentBinQuery`: the card's bank and installment plans, priced when an `amount` is given.
fn bin_query(call: &mut Call<'_>) -> Reply {
    let body = call.body()?;
    let fields = Fields(&body);
    let bin = fields.required_string("bin")?;
    if !(6..=8).contains(&bin.len()) || !bin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Failure::field("bin", Rule::DigitsRange(6, 8)));
    }
    let amount = fields.positive("amount")?;
    let info = cards::bin_info(&bin[..6]).ok_or_else(|| Failure::not_found(Msg::BinNotFound))?;
    let installments: Vec<cards::Installment> =
        info.installments.iter().map(|&(count, rate)| cards::installment(count, rate, amount)).collect();
    ok(json!({
        "bin": &bin[..6],
        "card_association": info.association,
        "card_type": info.card_type,
        "bank_name": info.bank_name,
        "installments": installments,
    }))
}

/// A card ready to charge: only masked data, never the number or CVV.
#[derive(Clone, Debug)]
pub struct Card {
    holder: String,
    masked: String,
    expiry: String,
    association: String,
    ip: String,
    behaviour: Behaviour,
    /// Commission rate (%) of the chosen installment plan.
    rate: f64,
}

/// What charging a card led to.
pub enum Charge {
    Approved(Value),
    /// The payment waits for `POST /__sandbox/3ds/{token}`.
    ThreeDSecure {
        payment: Value,
        token: String,
    },
}

/// Reads the request's `payment` block: a card (`card_number`, `card_expiry`, `card_cvv`, …) or a stored card
/// (`card_token`, `card_cvv`), which must belong to `customer` when one is given.
pub fn read_card(fields: Fields<'_>, store: &Store, customer: Option<&str>, now_ms: i64) -> Result<Card, Failure> {
    let payment = Fields(fields.object("payment")?.ok_or_else(|| Failure::field("payment", Rule::Required))?);
    let (year, month) = dates::year_month(now_ms);
    let ip = payment.string("customer_ip")?.unwrap_or("127.0.0.1").to_owned();
    let (holder, masked, expiry, association, behaviour) = match payment.string("card_token")? {
        Some(token) => {
            let stored = store
                .card(token)
                .filter(|card| customer.is_none_or(|id| card.customer_external_id == id))
                .ok_or_else(|| Failure::field("payment.card_token", Rule::StoredCard))?;
            if !cards::expiry_valid(&stored.card_expiry, year, month) {
                return Err(Failure::field("payment.card_expiry", Rule::CardExpiry));
            }
            let stored = stored.clone();
            (stored.card_holder, stored.masked_number, stored.card_expiry, stored.card_association, stored.behaviour)
        }
        None => {
            let number = card_number(payment, "payment.card_number")?;
            let expiry = payment.string("card_expiry")?.unwrap_or("");
            if !cards::expiry_valid(expiry, year, month) {
                return Err(Failure::field("payment.card_expiry", Rule::CardExpiry));
            }
            let holder = payment.string("card_holder")?.unwrap_or("").to_owned();
            (
                holder,
                cards::mask(&number),
                expiry.to_owned(),
                cards::association(&number).to_owned(),
                cards::behaviour(&number),
            )
        }
    };
    if !cards::cvv_valid(payment.string("card_cvv")?.unwrap_or("")) {
        return Err(Failure::field("payment.card_cvv", Rule::Cvv));
    }
    let plans = cards::installments_for(masked.get(..6).unwrap_or(""));
    let count = payment.integer("installment")?.unwrap_or(1);
    let rate = plans.iter().find(|(plan, _)| i64::from(*plan) == count).map(|(_, rate)| *rate).ok_or_else(|| {
        Failure::field("payment.installment", Rule::Installments(plans.iter().map(|p| p.0).collect()))
    })?;
    Ok(Card { holder, masked, expiry, association, ip, behaviour, rate })
}

/// The `card_number` of a body, spaces removed, checked (12–19 digits, Luhn).
pub fn card_number(fields: Fields<'_>, name: &'static str) -> Result<String, Failure> {
    let raw = fields.string("card_number")?.ok_or_else(|| Failure::field(name, Rule::Required))?;
    let number: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if cards::valid_number(&number) {
        Ok(number)
    } else {
        Err(Failure::field(name, Rule::CardNumber))
    }
}

/// Charges `amount` (plus the installment commission) to `card`. Declines fail with the failed payment as `data`;
/// the 3-D Secure card answers a payment to complete at `base_url/__sandbox/3ds/{token}`.
pub fn charge(
    card: &Card,
    amount: f64,
    order_reference: &str,
    base_url: &str,
    rng: &mut Rng,
) -> Result<Charge, Failure> {
    let comission = round2(amount * card.rate / 100.0);
    let token = rng.alphanumeric(64);
    let mut payment = json!({
        "state": "success",
        "token": token,
        "is_3d": false,
        "transaction_id": null,
        "order_reference": order_reference,
        "amount": amount,
        "comission": comission,
        "total": round2(amount + comission),
        "refunded_amount": 0,
        "error_code": null,
        "error_message": null,
        "details": {
            "card_holder": card.holder,
            "card_number": card.masked,
            "card_expiry": card.expiry,
            "card_association": card.association,
            "customer_ip": card.ip,
        },
    });
    let failed = |mut payment: Value, error_code: &str, error_message: &str, code: i64, msg: Msg| {
        payment["state"] = json!("failed");
        payment["error_code"] = json!(error_code);
        payment["error_message"] = json!(error_message);
        Failure::unprocessable(code, msg).with_data(payment)
    };
    match card.behaviour {
        Behaviour::Approve => {
            payment["transaction_id"] = json!(format!("SBX{}", rng.digits(12)));
            Ok(Charge::Approved(payment))
        }
        Behaviour::Decline => Err(failed(payment, "05", "Do not honour", code::CARD_DECLINED, Msg::CardDeclined)),
        Behaviour::InsufficientFunds => {
            Err(failed(payment, "51", "Insufficient funds", code::CARD_INSUFFICIENT_FUNDS, Msg::CardInsufficientFunds))
        }
        Behaviour::ThreeDSecure => {
            payment["state"] = json!("new");
            payment["is_3d"] = json!(true);
            payment["auth_mode"] = json!("3d");
            payment["redirect_url"] = json!(format!("{base_url}/__sandbox/3ds/{token}"));
            Ok(Charge::ThreeDSecure { payment, token })
        }
    }
}

/// The order fee a payment adds (`payment_cost`).
pub fn commission(payment: &Value) -> f64 {
    payment["comission"].as_f64().unwrap_or(0.0)
}
