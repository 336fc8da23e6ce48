//! Payment cards: number checks, masking, the sandbox test cards and the BIN table with its installment commissions.
//! Full card numbers and CVVs never leave this module's inputs: everything kept or sent is masked.

use serde::{Deserialize, Serialize};

use crate::pricing::round2;

/// What the sandbox's card processor does with a card.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Behaviour {
    Approve,
    Decline,
    InsufficientFunds,
    ThreeDSecure,
}

/// The documented test cards; any other valid number is approved.
pub fn behaviour(number: &str) -> Behaviour {
    match number {
        "4000000000000002" => Behaviour::Decline,
        "4000000000009995" => Behaviour::InsufficientFunds,
        "4000000000003220" => Behaviour::ThreeDSecure,
        _ => Behaviour::Approve,
    }
}

/// The Luhn (mod 10) check digit test.
///
/// The SDK has its own Luhn check (its validation of card numbers). The sandbox keeps this one on purpose instead of
/// sharing it: the sandbox is the SDK's independent counterpart, so a mistake in either shows up as a disagreement in
/// the tests rather than being accepted by both.
pub fn luhn_valid(number: &str) -> bool {
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = number
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let digit = u32::from(b - b'0');
            if i % 2 == 1 {
                let doubled = digit * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                digit
            }
        })
        .sum();
    sum % 10 == 0
}

/// 12–19 digits passing the Luhn check.
pub fn valid_number(number: &str) -> bool {
    (12..=19).contains(&number.len()) && luhn_valid(number)
}

/// First six digits, six stars, last four: `411111******1111`.
pub fn mask(number: &str) -> String {
    let len = number.len();
    if len < 10 {
        return "*".repeat(len);
    }
    format!("{}******{}", &number[..6], &number[len - 4..])
}

/// The scheme name as the API writes it (`Visa`, `mastercard`).
pub fn association(number: &str) -> &'static str {
    if let Some(info) = number.get(..6).and_then(bin_info) {
        return info.association;
    }
    match number.as_bytes().first() {
        Some(b'4') => "Visa",
        Some(b'5' | b'2') => "mastercard",
        Some(b'3') => "amex",
        _ => "unknown",
    }
}

/// Whether `MM/YY` is a real month that has not ended before (`year`, `month`).
pub fn expiry_valid(expiry: &str, year: i32, month: u8) -> bool {
    let Some((mm, yy)) = expiry.split_once('/') else {
        return false;
    };
    let digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(mm) || !digits(yy) {
        return false;
    }
    let (Ok(mm), Ok(yy)) = (mm.parse::<u8>(), yy.parse::<i32>()) else {
        return false;
    };
    (1..=12).contains(&mm) && (2000 + yy, mm) >= (year, month)
}

pub fn cvv_valid(cvv: &str) -> bool {
    (3..=4).contains(&cvv.len()) && cvv.bytes().all(|b| b.is_ascii_digit())
}

/// One row of the BIN table.
#[derive(Debug)]
pub struct BinInfo {
    pub bin: &'static str,
    pub association: &'static str,
    pub card_type: &'static str,
    pub bank_name: &'static str,
    /// (installment count, commission rate in %).
    pub installments: &'static [(u32, f64)],
}

pub const BIN_TABLE: [BinInfo; 4] = [
    BinInfo {
        bin: "411111",
        association: "Visa",
        card_type: "credit",
        bank_name: "Sandbox Bank",
        installments: &[(1, 0.0), (2, 1.5), (3, 2.5), (6, 4.2), (9, 6.0)],
    },
    BinInfo {
        bin: "555555",
        association: "mastercard",
        card_type: "credit",
        bank_name: "Sandbox Bank",
        installments: &[(1, 0.0), (2, 1.5), (3, 2.5), (6, 4.2)],
    },
    BinInfo {
        bin: "400000",
        association: "Visa",
        card_type: "debit",
        bank_name: "Sandbox Debit Bank",
        installments: &[(1, 0.0)],
    },
    BinInfo {
        bin: "404809",
        association: "Visa",
        card_type: "credit",
        bank_name: "Docs Bank",
        installments: &[(1, 0.0), (3, 2.5), (6, 4.2)],
    },
];

pub fn bin_info(bin6: &str) -> Option<&'static BinInfo> {
    BIN_TABLE.iter().find(|info| info.bin == bin6)
}

/// The installment plans a card allows: its BIN row's, or a single payment without commission.
pub fn installments_for(bin6: &str) -> &'static [(u32, f64)] {
    bin_info(bin6).map_or(&[(1, 0.0)], |info| info.installments)
}

/// One installment option priced for an amount (all zero money fields without one).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Installment {
    pub count: u32,
    pub commission_rate: f64,
    pub commission: f64,
    pub installment_amount: f64,
    pub total: f64,
}

pub fn installment(count: u32, rate: f64, amount: Option<f64>) -> Installment {
    let (commission, total, installment_amount) = match amount {
        Some(amount) => {
            let commission = round2(amount * rate / 100.0);
            let total = round2(amount + commission);
            (commission, total, round2(total / f64::from(count.max(1))))
        }
        None => (0.0, 0.0, 0.0),
    };
    Installment { count, commission_rate: rate, commission, installment_amount, total }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_the_test_cards_and_rejects_typos() {
        for number in
            ["4111111111111111", "5555555555554444", "4000000000000002", "4000000000009995", "4000000000003220"]
        {
            assert!(valid_number(number), "{number}");
        }
        assert!(!luhn_valid("4111111111111112"));
        assert!(!luhn_valid("41111111x1111111"));
        assert!(!valid_number("42"), "too short even though Luhn-valid");
        assert!(luhn_valid("79927398713"));
    }

    #[test]
    fn masking_keeps_six_and_four() {
        assert_eq!(mask("4111111111111111"), "411111******1111");
        assert_eq!(mask("4048090000007528"), "404809******7528");
        assert_eq!(mask("123"), "***");
    }

    #[test]
    fn test_cards_map_to_behaviours() {
        assert_eq!(behaviour("4000000000000002"), Behaviour::Decline);
        assert_eq!(behaviour("4000000000009995"), Behaviour::InsufficientFunds);
        assert_eq!(behaviour("4000000000003220"), Behaviour::ThreeDSecure);
        assert_eq!(behaviour("5555555555554444"), Behaviour::Approve);
        assert_eq!(association("5555555555554444"), "mastercard");
        assert_eq!(association("4242424242424242"), "Visa");
    }

    #[test]
    fn expiry_is_a_month_not_yet_over() {
        assert!(expiry_valid("11/26", 2026, 11));
        assert!(expiry_valid("01/30", 2026, 11));
        assert!(!expiry_valid("10/26", 2026, 11));
        assert!(!expiry_valid("13/30", 2026, 11));
        assert!(!expiry_valid("1/30", 2026, 11));
        assert!(!expiry_valid("12-30", 2026, 11));
    }

    #[test]
    fn installment_math() {
        let three = installment(3, 2.5, Some(1000.0));
        assert_eq!(
            three,
            Installment { count: 3, commission_rate: 2.5, commission: 25.0, installment_amount: 341.67, total: 1025.0 }
        );
        assert_eq!(installment(6, 4.2, None).total, 0.0);
        assert_eq!(installments_for("999999"), &[(1, 0.0)]);
        assert_eq!(installments_for("555555").len(), 4);
    }
}
