//! `GET /partner/orders`: every order (seeded and created), filtered, sorted and paged in the Laravel shape, with
//! absolute page URLs that keep the filters.

use std::cmp::Ordering;

use serde_json::{json, Value};

use super::call::{Call, Route};
use super::orders::STATUSES;
use crate::dates::{self, DAY_MS};
use crate::envelope::{ok, Failure, Reply};
use crate::rules::Rule;
use crate::state::StoredOrder;
use crate::validate;

const SORT_BY: &[&str] = &["type", "total", "customer_external_id", "created_at"];
const SORT_TYPES: &[&str] = &["asc", "desc"];
const TX_TYPES: &[&str] = &["buy", "sell", "delivery"];
const DEFAULT_PAGE_SIZE: usize = 10;

pub const ROUTES: &[Route] = &[Route::new("GET", "/partner/orders", list)];

/// The query, checked.
struct Filters {
    page: usize,
    per_page: usize,
    customer: Option<String>,
    sku: Option<String>,
    statuses: Vec<String>,
    tx_types: Vec<String>,
    sort_by: String,
    descending: bool,
    start_ms: Option<i64>,
    end_ms: Option<i64>,
}

fn integer(
    pairs: &[(String, String)],
    name: &'static str,
    rule: Rule,
    valid: impl Fn(i64) -> bool,
) -> Result<Option<usize>, Failure> {
    match pairs.iter().rev().find(|(key, _)| key == name) {
        None => Ok(None),
        Some((_, value)) => match value.trim().parse::<i64>() {
            Ok(number) if valid(number) => Ok(usize::try_from(number).ok()),
            _ => Err(Failure::field(name, rule)),
        },
    }
}

/// A comma-separated list; each entry must be one of `allowed` when that is given.
fn list_param(
    value: Option<&str>,
    name: &'static str,
    allowed: Option<&'static [&'static str]>,
) -> Result<Vec<String>, Failure> {
    let entries: Vec<String> =
        value.unwrap_or("").split(',').map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()).collect();
    if let Some(allowed) = allowed {
        for entry in &entries {
            validate::one_of(name, entry, allowed)?;
        }
    }
    Ok(entries)
}

fn read(pairs: &[(String, String)]) -> Result<Filters, Failure> {
    let raw = |name: &str| pairs.iter().rev().find(|(key, _)| key == name).map(|(_, v)| v.as_str());
    let get = |name: &str| raw(name).filter(|v| !v.is_empty());
    // A date given empty (`startDate=`) is not a date: refused like any other malformed one.
    let day = |name: &'static str| -> Result<Option<i64>, Failure> {
        raw(name)
            .map(|value| validate::date(name, value).map(|()| dates::parse_date(value)))
            .transpose()
            .map(Option::flatten)
    };
    let sort_by = get("sortBy").unwrap_or("created_at");
    validate::one_of("sortBy", sort_by, SORT_BY)?;
    let sort_type = get("sortType").unwrap_or("desc");
    validate::one_of("sortType", sort_type, SORT_TYPES)?;
    Ok(Filters {
        page: integer(pairs, "page", Rule::AtLeast(1), |n| n >= 1)?.unwrap_or(1),
        per_page: integer(pairs, "total", Rule::Range(5, 30), |n| (5..=30).contains(&n))?.unwrap_or(DEFAULT_PAGE_SIZE),
        customer: get("customer_external_id").map(str::to_owned),
        sku: get("sku").map(str::to_owned),
        statuses: list_param(get("status"), "status", None)?,
        tx_types: list_param(get("tx_type"), "tx_type", Some(TX_TYPES))?,
        sort_by: sort_by.to_owned(),
        descending: sort_type == "desc",
        start_ms: day("startDate")?,
        end_ms: day("endDate")?,
    })
}

/// Whether a `status` filter entry (a name, or an id from the status list) names `status_name`.
fn status_matches(entry: &str, status_name: &str) -> bool {
    entry.eq_ignore_ascii_case(status_name)
        || STATUSES.iter().any(|(id, name)| id.to_string() == entry && *name == status_name)
}

/// Whether an order passes the filters. Only a delivery's status needs its view (it moves with time), and only when
/// a status filter is given, so listing many orders stays cheap.
fn keep(filters: &Filters, order: &StoredOrder, now_ms: i64, step_ms: i64) -> bool {
    let status = || match order.delivery {
        Some(_) => order.view(now_ms, step_ms)["status_name"].as_str().unwrap_or("").to_owned(),
        None => order.data["status_name"].as_str().unwrap_or("").to_owned(),
    };
    filters.customer.as_deref().is_none_or(|id| order.customer_external_id.as_deref() == Some(id))
        && filters.sku.as_deref().is_none_or(|sku| order.has_sku(sku))
        && (filters.statuses.is_empty() || {
            let status = status();
            filters.statuses.iter().any(|entry| status_matches(entry, &status))
        })
        && (filters.tx_types.is_empty() || filters.tx_types.iter().any(|t| t.eq_ignore_ascii_case(order.kind())))
        && filters.start_ms.is_none_or(|start| order.created_ms >= start)
        && filters.end_ms.is_none_or(|end| order.created_ms < end + DAY_MS)
}

fn compare(sort_by: &str, a: &StoredOrder, b: &StoredOrder) -> Ordering {
    match sort_by {
        "type" => a.kind().cmp(b.kind()),
        "total" => a.total().total_cmp(&b.total()),
        "customer_external_id" => a.customer_external_id.cmp(&b.customer_external_id),
        _ => Ordering::Equal,
    }
    .then(a.created_ms.cmp(&b.created_ms))
}

/// Percent-encodes a query component (everything but unreserved characters).
fn encode(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, UNRESERVED_ESCAPED).to_string()
}

/// Everything but the unreserved characters `A-Z a-z 0-9 - _ . ~` (RFC 3986).
const UNRESERVED_ESCAPED: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// `getOrders`.
fn list(call: &mut Call<'_>) -> Reply {
    let (pairs, base_url) = (call.query(), call.base_url());
    let filters = read(&pairs)?;
    let store = &call.world.store;
    let now = call.now_ms;
    let step = call.world.settings.delivery_step_ms();
    let mut matching: Vec<(usize, &StoredOrder)> =
        store.orders().iter().enumerate().filter(|(_, order)| keep(&filters, order, now, step)).collect();
    // Ties fall back to creation order, so "newest first" also holds for orders made in the same millisecond.
    matching.sort_by(|(i, a), (j, b)| {
        let ordering = compare(&filters.sort_by, a, b).then(i.cmp(j));
        if filters.descending {
            ordering.reverse()
        } else {
            ordering
        }
    });
    let total = matching.len();
    let last_page = total.div_ceil(filters.per_page).max(1);
    let first_index = (filters.page - 1).saturating_mul(filters.per_page);
    let data: Vec<Value> =
        matching.into_iter().skip(first_index).take(filters.per_page).map(|(_, order)| order.view(now, step)).collect();
    let path = format!("{base_url}/partner/orders");
    let kept: String =
        pairs.iter().filter(|(key, _)| key != "page").map(|(k, v)| format!("{}={}&", encode(k), encode(v))).collect();
    let url = |page: usize| format!("{path}?{kept}page={page}");
    let (from, to) = if data.is_empty() {
        (Value::Null, Value::Null)
    } else {
        (json!(first_index + 1), json!(first_index + data.len()))
    };
    let prev = (filters.page > 1).then(|| url(filters.page - 1));
    let next = (filters.page < last_page).then(|| url(filters.page + 1));
    let mut links = vec![json!({"url": prev, "label": "&laquo; Previous", "active": false})];
    links.extend((1..=last_page).map(|n| json!({"url": url(n), "label": n.to_string(), "active": n == filters.page})));
    links.push(json!({"url": next, "label": "Next &raquo;", "active": false}));
    ok(json!({
        "current_page": filters.page,
        "data": data,
        "first_page_url": url(1),
        "from": from,
        "last_page": last_page,
        "last_page_url": url(last_page),
        "links": links,
        "next_page_url": next,
        "path": path,
        "per_page": filters.per_page,
        "prev_page_url": prev,
        "to": to,
        "total": total,
    }))
}
