//! The table of operations, written once. `operation_table!(callback)` hands every row to `callback`, normalised:
//! `registry.rs` turns the rows into the route table, the `Operation` rows and their TypeScript; `client.rs` turns
//! them into the client's methods.
//!
//! A row: docs (the method's), then `route: METHOD "path", Documented|Inferred, idempotent|not_idempotent|
//! places_orders[, api_version "3"];` or `via: operation;` (another documented entry served by that operation's
//! route), `input: none | path(name) | body(Model) | optional_body(Model) | query(Model) | path_and_body(name,
//! Model);`, `output: Model;`, optionally `rewrite: metal(Gold) | payment_type(Cash);` and
//! `method: custom "ReturnType";` (written by hand in `client.rs`), and `example: "…";` (shown in the method's docs).

macro_rules! operation_table {
    ($callback:ident) => {
        $crate::operations::operation_table! { @rows $callback
            // Pricing
            /// Fixes (locks) prices and returns a `Quote`: its `token` goes in the next buy or sell as `price_token`
            /// before `quote.expiresAt`. One HTTP endpoint serves every price-fix entry of the docs: from amount
            /// (`{ type: 'digital', customer_external_id }`), from total price (add `total` and `currency`), partner
            /// B2B (no customer), card payment, and sell.
            priceFix {
                route: Post "/partner/pricefix", Documented, idempotent, api_version "3";
                input: body(PriceFixRequest);
                output: PriceFix;
                method: custom "Promise<CallResult<W, Quote>>";
                example: "const quote = await client.priceFix({ type: 'digital', customer_external_id: 'MTD0018232' });";
            }
            /// Prices a basket at a quote's locked prices, from grams or from money (inferred path
            /// `POST /partner/calculate-price`).
            calculatePrice {
                route: Post "/partner/calculate-price", Inferred, idempotent;
                input: body(CalculatePriceRequest);
                output: CalculatedPrice;
                example: "const priced = await client.calculatePrice({ price_token: quote.token, items: [{ sku: 'GAU', amount: 2 }] });";
            }
            /// Current, unlocked prices of every product (inferred path `GET /partner/product-prices`).
            getProductPrices {
                route: Get "/partner/product-prices", Inferred, idempotent;
                input: query(ProductPricesQuery);
                output: ProductPriceList;
                example: "const prices = await client.getProductPrices({ currency: 'TRY' });";
            }

            // Buy and sell
            /// Buys metal at a quote's prices (`POST /partner/order/digital/buy`): every buy entry of the docs —
            /// B2B2C with `customer`, partner (B2B) without, cash by default or by card with
            /// `payment_type: "creditcard"` and `payment`.
            buyDigital {
                route: Post "/partner/order/digital/buy", Documented, places_orders;
                input: body(BuyRequest);
                output: OrderResponse;
                example: "const bought = await client.buyDigital({ price_token: quote.token, items: [{ sku: 'GAU', amount: 1.5 }] });";
            }
            /// Buys gold (`GAU`): `buyDigital` with one line of `amount` grams.
            buyGold {
                via: buyDigital;
                input: body(MetalBuyRequest);
                output: OrderResponse;
                rewrite: metal(Gold);
                example: "const bought = await client.buyGold({ price_token: quote.token, amount: 1.5 });";
            }
            /// Buys silver (`GAG`): `buyDigital` with one line of `amount` grams.
            buySilver {
                via: buyDigital;
                input: body(MetalBuyRequest);
                output: OrderResponse;
                rewrite: metal(Silver);
                example: "const bought = await client.buySilver({ price_token: quote.token, amount: 100 });";
            }
            /// Buys platinum (`GPT`): `buyDigital` with one line of `amount` grams.
            buyPlatinum {
                via: buyDigital;
                input: body(MetalBuyRequest);
                output: OrderResponse;
                rewrite: metal(Platinum);
                example: "const bought = await client.buyPlatinum({ price_token: quote.token, amount: 2 });";
            }
            /// Buys by card (`buyDigital` with `payment_type: "creditcard"` and a card).
            cardPaymentBuyWithCardNumber {
                via: buyDigital;
                input: body(CardNumberBuyRequest);
                output: OrderResponse;
                rewrite: payment_type(Card);
                example: "const bought = await client.cardPaymentBuyWithCardNumber({ price_token: quote.token, items: [{ sku: 'GAU', amount: 1 }], payment: { card_holder: 'Ayşe Yılmaz', card_number: '4111 1111 1111 1111', card_expiry: '12/30', card_cvv: '123', customer_ip: '203.0.113.7' } });";
            }
            /// Buys with a stored card (`buyDigital` with `payment_type: "creditcard"` and `payment.card_token`).
            cardPaymentBuyWithCardToken {
                via: buyDigital;
                input: body(CardTokenBuyRequest);
                output: OrderResponse;
                rewrite: payment_type(Card);
                example: "const bought = await client.cardPaymentBuyWithCardToken({ price_token: quote.token, items: [{ sku: 'GAU', amount: 1 }], payment: { card_token: card.card_token, card_cvv: '123', customer_ip: '203.0.113.7' } });";
            }
            /// Sells metal at a quote's prices (`POST /partner/order/digital/sell`).
            sellDigital {
                route: Post "/partner/order/digital/sell", Documented, places_orders;
                input: body(SellRequest);
                output: OrderResponse;
                example: "const sold = await client.sellDigital({ price_token: quote.token, items: [{ sku: 'GAU', amount: 0.5 }] });";
            }
            /// Sells gold (`GAU`): `sellDigital` with one line of `amount` grams.
            sellGold {
                via: sellDigital;
                input: body(MetalSellRequest);
                output: OrderResponse;
                rewrite: metal(Gold);
                example: "const sold = await client.sellGold({ price_token: quote.token, amount: 0.5 });";
            }
            /// Sells silver (`GAG`): `sellDigital` with one line of `amount` grams.
            sellSilver {
                via: sellDigital;
                input: body(MetalSellRequest);
                output: OrderResponse;
                rewrite: metal(Silver);
                example: "const sold = await client.sellSilver({ price_token: quote.token, amount: 50 });";
            }

            // Card payment
            /// Payment types available to the partner (inferred path `GET /partner/payment/types`).
            getPaymentTypes {
                route: Get "/partner/payment/types", Inferred, idempotent;
                input: none;
                output: PaymentTypeList;
                example: "const types = await client.getPaymentTypes();";
            }
            /// Card details and installment plans with commissions for a BIN (inferred path
            /// `POST /partner/payment/bin`).
            cardPaymentBinQuery {
                route: Post "/partner/payment/bin", Inferred, idempotent;
                input: body(BinQueryRequest);
                output: BinInfo;
                example: "const card = await client.cardPaymentBinQuery({ bin: '411111', amount: 2500 });";
            }
            /// An order with its card payment (`GET /partner/order/{external_order_id}`, as `getOrder`).
            cardPaymentGetOrder {
                via: getOrder;
                input: path(external_order_id);
                output: Order;
                example: "const order = await client.cardPaymentGetOrder('HYAQA01714rqz');";
            }

            // Customers
            /// Creates a customer (`POST /partner/customer`). The phone is normalised to E.164 before sending.
            createCustomer {
                route: Post "/partner/customer", Documented, not_idempotent;
                input: body(CreateCustomerRequest);
                output: CustomerRecord;
                example: "const customer = await client.createCustomer({ external_id: 'MTD0018232', firstname: 'Mehmet', lastname: 'Gülbilge', phone: '0532 280 80 35' });";
            }
            /// Creates a business customer (inferred path `POST /partner/customer/business`).
            createBusinessCustomer {
                route: Post "/partner/customer/business", Inferred, not_idempotent;
                input: body(CreateBusinessCustomerRequest);
                output: CustomerRecord;
                example: "const company = await client.createBusinessCustomer({ external_id: 'biz-1', company_name: 'Altın A.Ş.', identity_number: '1234567890' });";
            }
            /// Updates a customer (`PATCH /partner/customer/{external_customer_id}`).
            updateCustomer {
                route: Patch "/partner/customer/{external_customer_id}", Documented, idempotent;
                input: path_and_body(external_customer_id, UpdateCustomerRequest);
                output: CustomerRecord;
                example: "const customer = await client.updateCustomer('MTD0018232', { firstname: 'Mehmet', lastname: 'Kaya', phone: '+905322808035', identity_number: '10000000146' });";
            }
            /// Removes a customer id (inferred path `DELETE /partner/customer/{external_customer_id}`).
            removeCustomer {
                route: Delete "/partner/customer/{external_customer_id}", Inferred, idempotent;
                input: path(external_customer_id);
                output: RemoveCustomerResponse;
                example: "const removed = await client.removeCustomer('MTD0018232');";
            }
            /// Gets a customer with its wallets (`GET /partner/customer/{external_customer_id}`).
            getCustomer {
                route: Get "/partner/customer/{external_customer_id}", Documented, idempotent;
                input: path(external_customer_id);
                output: CustomerWithWallets;
                example: "const customer = await client.getCustomer('MTD0018232');";
            }
            /// Gets a customer's wallet KYC record (inferred path
            /// `GET /partner/customer/{external_customer_id}/wallet-kyc`).
            getCustomerWalletKyc {
                route: Get "/partner/customer/{external_customer_id}/wallet-kyc", Inferred, idempotent;
                input: path(external_customer_id);
                output: WalletKyc;
                example: "const kyc = await client.getCustomerWalletKyc('MTD0018232');";
            }
            /// Creates or replaces a customer's wallet KYC record (inferred path
            /// `POST …/{external_customer_id}/wallet-kyc`).
            upsertCustomerWalletKyc {
                route: Post "/partner/customer/{external_customer_id}/wallet-kyc", Inferred, idempotent;
                input: path_and_body(external_customer_id, WalletKycRequest);
                output: WalletKyc;
                example: "const kyc = await client.upsertCustomerWalletKyc('MTD0018232', { status: 'verified', level: 1 });";
            }
            /// Upserts wallet KYC records of up to 100 customers (inferred path
            /// `POST /partner/customer/wallet-kyc/bulk`).
            bulkUpsertCustomerWalletKyc {
                route: Post "/partner/customer/wallet-kyc/bulk", Inferred, idempotent;
                input: body(BulkWalletKycRequest);
                output: BulkWalletKycResult;
                example: "const { results } = await client.bulkUpsertCustomerWalletKyc({ items: [{ customer_external_id: 'MTD0018232', status: 'pending' }] });";
            }

            // Balances
            /// The partner's own wallets (inferred path `GET /partner/balance`).
            getPartnerBalance {
                route: Get "/partner/balance", Inferred, idempotent;
                input: none;
                output: BalanceList;
                example: "const wallets = await client.getPartnerBalance();";
            }
            /// A customer's wallet balances (`GET /partner/balance/customer/{customer_external_id}`).
            getCustomerBalance {
                route: Get "/partner/balance/customer/{customer_external_id}", Documented, idempotent;
                input: path(customer_external_id);
                output: BalanceList;
                example: "const wallets = await client.getCustomerBalance('MTD0018232');";
            }
            /// Deposits to or withdraws from a customer's cash wallet (inferred: `PATCH` on the customer balance
            /// path).
            updateCustomerCashBalance {
                route: Patch "/partner/balance/customer/{customer_external_id}", Inferred, not_idempotent;
                input: path_and_body(customer_external_id, CashBalanceUpdateRequest);
                output: BalanceItem;
                example: "const cash = await client.updateCustomerCashBalance('MTD0018232', { type: 'deposit', amount: 500, external_id: 'dep-1' });";
            }
            /// Buy, sell and delivery totals over a period (inferred path `POST /partner/balance/stats`).
            getBalanceStats {
                route: Post "/partner/balance/stats", Inferred, idempotent;
                input: optional_body(BalanceStatsRequest);
                output: BalanceStats;
                example: "const stats = await client.getBalanceStats({ start_date: '2026-01-01', end_date: '2026-01-31' });";
            }
            /// A customer's balances at the end of each of the last 7 days (inferred path `GET …/stats-7d`).
            getCustomerBalance7dStats {
                route: Get "/partner/balance/customer/{customer_external_id}/stats-7d", Inferred, idempotent;
                input: path(customer_external_id);
                output: Balance7dStats;
                example: "const { days } = await client.getCustomerBalance7dStats('MTD0018232');";
            }

            // Card storage
            /// A customer's stored cards (inferred path `POST /partner/card-storage/list`).
            listStoredCards {
                route: Post "/partner/card-storage/list", Inferred, idempotent;
                input: body(ListStoredCardsRequest);
                output: StoredCardList;
                example: "const cards = await client.listStoredCards({ customer_external_id: 'MTD0018232' });";
            }
            /// Stores a card; the API keeps a masked copy and returns a token (inferred path
            /// `POST /partner/card-storage`).
            addStoredCard {
                route: Post "/partner/card-storage", Inferred, not_idempotent;
                input: body(AddStoredCardRequest);
                output: StoredCard;
                example: "const card = await client.addStoredCard({ customer_external_id: 'MTD0018232', card_holder: 'Mehmet Gülbilge', card_number: '4111111111111111', card_expiry: '12/30' });";
            }
            /// Deletes a stored card (inferred path `DELETE /partner/card-storage`).
            deleteStoredCard {
                route: Delete "/partner/card-storage", Inferred, idempotent;
                input: body(DeleteStoredCardRequest);
                output: DeletedStoredCard;
                example: "await client.deleteStoredCard({ customer_external_id: 'MTD0018232', card_token: card.card_token });";
            }

            // Delivery
            /// Metal wallets that can deliver, with the bars they can deliver (inferred path
            /// `POST /partner/delivery/wallets`).
            listDeliveryWallets {
                route: Post "/partner/delivery/wallets", Inferred, idempotent;
                input: optional_body(DeliveryWalletsRequest);
                output: DeliveryWalletList;
                example: "const wallets = await client.listDeliveryWallets({ customer_external_id: 'MTD0018232' });";
            }
            /// Cost of delivering bars to an address (inferred path `POST /partner/delivery/calculate`).
            calculateDelivery {
                route: Post "/partner/delivery/calculate", Inferred, idempotent;
                input: body(CalculateDeliveryRequest);
                output: DeliveryQuote;
                example: "const cost = await client.calculateDelivery({ items: [{ sku: 'DAU5', quantity: 1 }], address });";
            }
            /// Creates a delivery order, paid from the cash wallet or by card (inferred path
            /// `POST /partner/delivery`).
            createDelivery {
                route: Post "/partner/delivery", Inferred, places_orders;
                input: body(CreateDeliveryRequest);
                output: OrderResponse;
                example: "const delivery = await client.createDelivery({ items: [{ sku: 'DAU5', quantity: 1 }], address, payment_type: 'cash' });";
            }
            /// `createDelivery` paid from the cash wallet.
            createDeliveryPayWithCash {
                via: createDelivery;
                input: body(CashDeliveryRequest);
                output: OrderResponse;
                rewrite: payment_type(Cash);
                example: "const delivery = await client.createDeliveryPayWithCash({ items: [{ sku: 'DAU5', quantity: 1 }], address });";
            }
            /// `createDelivery` paid by card.
            createDeliveryPayWithCard {
                via: createDelivery;
                input: body(CardDeliveryRequest);
                output: OrderResponse;
                rewrite: payment_type(Card);
                example: "const delivery = await client.createDeliveryPayWithCard({ items: [{ sku: 'DAU5', quantity: 1 }], address, payment: { card_token: card.card_token, card_cvv: '123', customer_ip: '203.0.113.7' } });";
            }

            // Orders
            /// One page of orders (inferred path `GET /partner/orders`); `listOrders` walks every page.
            getOrders {
                route: Get "/partner/orders", Inferred, idempotent;
                input: query(OrdersQuery);
                output: OrdersPage;
                example: "const page = await client.getOrders({ customer_external_id: 'MTD0018232', page: 1, total: 30 });";
            }
            /// Every order matching `query`, page after page, fetched lazily as the loop advances (`getOrders`
            /// pages). Breaking out of the loop stops fetching.
            listOrders {
                via: getOrders;
                input: query(OrdersQuery);
                output: OrdersPage;
                method: custom "OrderListing";
                example: "for await (const order of client.listOrders({ customer_external_id: 'MTD0018232' })) console.log(order.order_code);";
            }
            /// Gets an order by your order id (`GET /partner/order/{external_order_id}`).
            getOrder {
                route: Get "/partner/order/{external_order_id}", Documented, idempotent;
                input: path(external_order_id);
                output: Order;
                example: "const order = await client.getOrder('HYAQA01714rqz');";
            }
            /// Finds an order by `guid`, `order_code` or `external_id` (`POST /partner/order`).
            getOrderAlternative {
                route: Post "/partner/order", Documented, idempotent;
                input: body(GetOrderAlternativeRequest);
                output: Order;
                example: "const order = await client.getOrderAlternative({ order_code: 'ALS8HEVP' });";
            }
            /// Order statuses with their ids (inferred path `GET /partner/order-statuses`).
            getOrderStatuses {
                route: Get "/partner/order-statuses", Inferred, idempotent;
                input: none;
                output: OrderStatusList;
                example: "const statuses = await client.getOrderStatuses();";
            }

            // Partner legal
            /// Legal texts for the partner's customers (inferred path `POST /partner/legal`).
            getPartnerLegal {
                route: Post "/partner/legal", Inferred, idempotent;
                input: optional_body(LegalRequest);
                output: LegalDocumentList;
                example: "const documents = await client.getPartnerLegal({ type: 'terms' });";
            }
        }
    };

    (@rows $callback:ident $(
        $(#[doc = $doc:literal])+
        $id:ident {
            $(route: $method:ident $path:literal, $source:ident, $safety:ident $(, api_version $version:literal)?;)?
            $(via: $target:ident;)?
            input: $input:ident $(($($arg:tt)*))?;
            output: $output:ident;
            $(rewrite: $rewrite:ident($rewrite_arg:ident);)?
            $(method: $custom:ident $returns:literal;)?
            example: $example:literal;
        }
    )*) => {
        $callback! { $(
            @row $id [$($doc),+]
                [$(own $method $path, $source, $safety, [$($version)?])? $(via $target)?]
                $input ($($($arg)*)?) $output [$($rewrite($rewrite_arg))?] [$($custom $returns)?] $example;
        )* }
    };
}
pub(crate) use operation_table;
