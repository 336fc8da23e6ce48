//! Customers: create (person or business), update, remove, get with wallets, and wallet KYC.

use super::model::models;
use super::values::{Gender, WalletKycStatus};

models! {
    /// Body of `createCustomer` (`POST /partner/customer`). Only `external_id` is required by the API.
    request CreateCustomerRequest {
        /// Your id for this customer: 3–40 of `A-Z a-z 0-9 - _`. Every later call uses it.
        req external_id: external_id,
        /// 3–40 letters.
        opt firstname: person_name,
        /// Empty, or 3–40 letters.
        opt middlename: middle_name,
        /// 3–40 letters.
        opt lastname: person_name,
        opt email: email,
        /// E.164 (`+905321234567`). Turkish national forms (`0532…`, `532…`, `90532…`) are normalised before sending.
        opt phone: phone,
        opt gender: gender(Gender),
        /// T.C. identity number (TCKN): 11 digits, not starting with 0.
        opt identity_number: tckn,
        /// `YYYY-MM-DD`, in the past.
        opt birthdate: birthdate,
    };

    /// Body of `createBusinessCustomer` (inferred path `POST /partner/customer/business`).
    request CreateBusinessCustomerRequest {
        /// Your id for this customer: 3–40 of `A-Z a-z 0-9 - _`.
        req external_id: external_id,
        /// Registered company name.
        req company_name: text(2, 150),
        /// The company's tax number (VKN): 10 digits.
        req identity_number: vkn,
        /// Tax office (vergi dairesi).
        opt tax_office: text(2, 100),
        /// Contact person.
        opt firstname: person_name,
        opt middlename: middle_name,
        opt lastname: person_name,
        opt email: email,
        opt phone: phone,
    };

    /// Body of `updateCustomer` (`PATCH /partner/customer/{external_customer_id}`).
    request UpdateCustomerRequest {
        req firstname: person_name,
        opt middlename: middle_name,
        req lastname: person_name,
        opt email: email,
        req phone: phone,
        opt gender: gender(Gender),
        req identity_number: tckn,
        opt birthdate: birthdate,
    };

    /// `data` of `createCustomer`, `createBusinessCustomer` and `updateCustomer`.
    response CustomerRecord {
        req external_id: str,
        opt id: num,
        opt company_id: num,
        opt user_id: num,
        opt firstname: str,
        opt middlename: str,
        opt lastname: str,
        opt fullname: str,
        opt email: str,
        opt phone: str,
        opt gender: str,
        opt identity_number: str,
        opt birthdate: str,
        /// Business customers only.
        opt company_name: str,
        /// Business customers only.
        opt tax_office: str,
        /// As sent by the server, e.g. `2023-03-05 04:51:18`.
        opt created_at: str,
        opt updated_at: str,
    };

    /// One wallet of a customer (gold `MAU`, silver `MAG`, cash in the partner currency).
    response Wallet {
        /// `MAU` (gold), `MAG` (silver), or a fiat code for the cash wallet.
        req currency_code: str,
        opt name: str,
        opt customer_name: str,
        opt type: str,
        opt company_id: num,
        opt company_name: str,
        opt currency_id: num,
        opt currency_symbol: str,
        opt is_cash: bool,
        /// Grams for metal wallets, money for cash; fractions occur.
        opt balance: num,
        opt blocked: num,
        opt real_balance: num,
    };

    /// `data` of `getCustomer`: the customer and its wallets.
    response CustomerWithWallets {
        req external_id: str,
        opt firstname: str,
        opt middlename: str,
        opt lastname: str,
        opt fullname: str,
        opt email: str,
        opt phone: str,
        opt gender: str,
        opt identity_number: str,
        opt birthdate: str,
        req wallets: array(Wallet),
    };

    /// `data` of `removeCustomer` (shape not documented; the fields below are what the sandbox returns).
    response RemoveCustomerResult {
        opt external_id: str,
        opt removed: bool,
    };

    /// `data` of `removeCustomer`: the result, or `null` when the API sends none.
    nullable RemoveCustomerResponse = RemoveCustomerResult;

    /// Body of `upsertCustomerWalletKyc` (inferred endpoint).
    request WalletKycRequest {
        req status: one_of(WalletKycStatus),
        /// 0–3.
        opt level: int(0, 3),
        /// Your KYC provider's reference.
        opt reference: text(1, 100),
        /// When the check passed, as your provider reports it.
        opt verified_at: text(1, 40),
    };

    /// One entry of `bulkUpsertCustomerWalletKyc`.
    request BulkWalletKycItem {
        req customer_external_id: external_id,
        req status: one_of(WalletKycStatus),
        opt level: int(0, 3),
        opt reference: text(1, 100),
        opt verified_at: text(1, 40),
    };

    /// Body of `bulkUpsertCustomerWalletKyc`: 1–100 entries.
    request BulkWalletKycRequest {
        req items: array(1, 100, BulkWalletKycItem),
    };

    /// `data` of the wallet KYC calls (inferred shape).
    response WalletKyc {
        req customer_external_id: str,
        req status: lenient(WalletKycStatus),
        opt level: num,
        opt reference: str,
        opt verified_at: str,
        opt updated_at: str,
    };

    /// One outcome of a bulk KYC upsert.
    response BulkWalletKycOutcome {
        req customer_external_id: str,
        req success: bool,
        opt message: str,
    };

    /// `data` of `bulkUpsertCustomerWalletKyc`.
    response BulkWalletKycResult {
        req results: array(BulkWalletKycOutcome),
    };
}
