//! Card payment look-ups (payment types, BIN and installments) and card storage.

use super::model::models;

models! {
    /// Body of `cardPaymentBinQuery` (inferred path `POST /partner/payment/bin`).
    request BinQueryRequest {
        /// The card's first 6–8 digits.
        req bin: bin,
        /// Amount to pay, to get commissions and installment amounts.
        opt amount: money,
    };

    /// Body of `listStoredCards` (inferred path `POST /partner/card-storage/list`).
    request ListStoredCardsRequest {
        req customer_external_id: external_id,
    };

    /// Body of `addStoredCard` (inferred path `POST /partner/card-storage`).
    request AddStoredCardRequest {
        req customer_external_id: external_id,
        req card_holder: text(2, 60),
        /// Never logged; the API keeps only a masked copy and a token.
        req card_number: card_number,
        /// `MM/YY`.
        req card_expiry: card_expiry,
        /// A name for the card, e.g. "personal".
        opt alias: text(1, 40),
    };

    /// Body of `deleteStoredCard` (inferred path `DELETE /partner/card-storage`).
    request DeleteStoredCardRequest {
        req customer_external_id: external_id,
        req card_token: token,
    };

    /// A payment type the partner may use (`getPaymentTypes`, inferred shape).
    response PaymentTypeInfo {
        /// `cash` or `creditcard`.
        req code: str,
        opt name: str,
        opt enabled: bool,
    };

    /// A list of [`PaymentTypeInfo`].
    list PaymentTypeList = PaymentTypeInfo;

    /// One installment plan for a card (`Installment Item`).
    response Installment {
        /// Number of installments (1 = single payment).
        req count: num,
        /// Percent.
        opt commission_rate: num,
        opt commission: num,
        opt installment_amount: num,
        opt total: num,
    };

    /// `data` of `cardPaymentBinQuery` (inferred shape).
    response BinInfo {
        req bin: str,
        /// e.g. `Visa`, `mastercard`.
        opt card_association: str,
        /// `credit` or `debit`.
        opt card_type: str,
        opt bank_name: str,
        req installments: array(Installment),
    };

    /// A stored card: masked number and the token to pay with.
    response StoredCard {
        /// Send as `payment.card_token`. Never logged by this SDK.
        req card_token: str,
        /// e.g. `411111******1111`.
        opt masked_number: str,
        opt card_holder: str,
        opt card_expiry: str,
        opt card_association: str,
        opt alias: str,
        opt created_at: str,
    };

    /// A list of [`StoredCard`].
    list StoredCardList = StoredCard;

    /// `data` of `deleteStoredCard`.
    response DeletedStoredCard {
        opt card_token: str,
        opt deleted: bool,
    };
}
