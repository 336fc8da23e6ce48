//! The fault plan as sent to `PUT /__sandbox/faults`: parsed and checked by serde (unknown fields are refused, so a
//! typo cannot silently disable a rule), shown back as normalized JSON.

use serde::{Deserialize, Serialize};

use crate::envelope::{code, Failure};
use crate::http::{status, valid_header_value};
use crate::messages::Msg;

/// The longest `delay_ms` accepted: ten minutes.
const MAX_DELAY_MS: u64 = 600_000;

/// What to do to a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    #[serde(rename = "status-500")]
    Status500,
    #[serde(rename = "status-502")]
    Status502,
    #[serde(rename = "status-503")]
    Status503,
    RateLimit,
    Delay,
    Reset,
    DropAfterCommit,
    MalformedJson,
    Html,
    Empty,
    StaleNonce,
}

impl Kind {
    pub const ALL: [Self; 11] = [
        Self::Status500,
        Self::Status502,
        Self::Status503,
        Self::RateLimit,
        Self::Delay,
        Self::Reset,
        Self::DropAfterCommit,
        Self::MalformedJson,
        Self::Html,
        Self::Empty,
        Self::StaleNonce,
    ];

    /// The name used in plans and counters.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Status500 => "status-500",
            Self::Status502 => "status-502",
            Self::Status503 => "status-503",
            Self::RateLimit => "rate-limit",
            Self::Delay => "delay",
            Self::Reset => "reset",
            Self::DropAfterCommit => "drop-after-commit",
            Self::MalformedJson => "malformed-json",
            Self::Html => "html",
            Self::Empty => "empty",
            Self::StaleNonce => "stale-nonce",
        }
    }
}

/// Which requests a rule applies to, and the options of the faults it injects.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub method: Option<String>,
    /// Exact, or a prefix when it ends with `*`.
    pub path: Option<String>,
    pub delay_ms: Option<u64>,
    pub retry_after: Option<String>,
}

impl Filter {
    pub fn matches(&self, method: &str, path: &str) -> bool {
        let method_ok = self.method.as_deref().is_none_or(|wanted| wanted.eq_ignore_ascii_case(method));
        let path_ok = self.path.as_deref().is_none_or(|wanted| match wanted.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => path == wanted,
        });
        method_ok && path_ok
    }

    fn checked(
        method: Option<String>,
        path: Option<String>,
        delay_ms: Option<u64>,
        retry_after: Option<String>,
    ) -> Result<Self, String> {
        let filter = Self { method, path, delay_ms, retry_after };
        filter.check()?;
        Ok(filter)
    }

    fn check(&self) -> Result<(), String> {
        if self.method.as_deref().is_some_and(|m| m.is_empty() || !m.bytes().all(|b| b.is_ascii_alphabetic())) {
            return Err("method must be an HTTP method such as POST".to_owned());
        }
        if self.path.as_deref().is_some_and(|path| !path.starts_with('/')) {
            return Err("path must start with /".to_owned());
        }
        if self.delay_ms.is_some_and(|ms| ms > MAX_DELAY_MS) {
            return Err(format!("delay_ms must be at most {MAX_DELAY_MS}"));
        }
        match &self.retry_after {
            Some(value) if value.is_empty() || !valid_header_value(value) => {
                Err("retry_after must be a non-empty header value".to_owned())
            }
            _ => Ok(()),
        }
    }
}

/// One rule: `fault` for the first `times` requests the filter matches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawRule", into = "RawRule")]
pub struct Rule {
    pub fault: Kind,
    pub times: u32,
    pub filter: Filter,
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    fault: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    #[serde(default)]
    times: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    delay_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    retry_after: Option<String>,
}

impl TryFrom<RawRule> for Rule {
    type Error = String;

    fn try_from(raw: RawRule) -> Result<Self, String> {
        let filter = Filter::checked(raw.method, raw.path, raw.delay_ms, raw.retry_after)?;
        let times = raw.times.unwrap_or(1);
        if times == 0 {
            return Err("times must be at least 1".to_owned());
        }
        Ok(Self { fault: raw.fault, times, filter })
    }
}

impl From<Rule> for RawRule {
    fn from(rule: Rule) -> Self {
        let Filter { method, path, delay_ms, retry_after } = rule.filter;
        Self { fault: rule.fault, method, path, times: Some(rule.times), delay_ms, retry_after }
    }
}

/// Random faults for the requests no rule took.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawRandom", into = "RawRandom")]
pub struct RandomRule {
    pub seed: u64,
    pub rate: f64,
    pub faults: Vec<Kind>,
    pub filter: Filter,
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRandom {
    seed: u64,
    rate: f64,
    faults: Vec<Kind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    delay_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    retry_after: Option<String>,
}

impl TryFrom<RawRandom> for RandomRule {
    type Error = String;

    fn try_from(raw: RawRandom) -> Result<Self, String> {
        let filter = Filter::checked(raw.method, raw.path, raw.delay_ms, raw.retry_after)?;
        if !(0.0..=1.0).contains(&raw.rate) {
            return Err("random.rate must be between 0 and 1".to_owned());
        }
        if raw.faults.is_empty() {
            return Err("random.faults must name at least one fault".to_owned());
        }
        Ok(Self { seed: raw.seed, rate: raw.rate, faults: raw.faults, filter })
    }
}

impl From<RandomRule> for RawRandom {
    fn from(random: RandomRule) -> Self {
        let Filter { method, path, delay_ms, retry_after } = random.filter;
        Self { seed: random.seed, rate: random.rate, faults: random.faults, method, path, delay_ms, retry_after }
    }
}

/// The whole plan; the default injects nothing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    #[serde(default)]
    pub rules: Vec<Rule>,
    #[serde(default)]
    pub random: Option<RandomRule>,
}

impl Plan {
    /// A plan from a request body: 400 (code 1003) when it is not JSON, 422 (code 1001) when it is not a valid plan.
    pub fn parse(body: &[u8]) -> Result<Self, Failure> {
        serde_json::from_slice(body).map_err(|error| {
            if error.is_data() {
                Failure::unprocessable(code::PARAMETER, Msg::FaultPlan(error.to_string()))
            } else {
                Failure::new(status::BAD_REQUEST, code::NOT_JSON, Msg::NotJson)
            }
        })
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty() && self.random.is_none()
    }
}
