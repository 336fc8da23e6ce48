use serde_json::json;

use super::*;

fn plan(value: serde_json::Value) -> Plan {
    Plan::parse(value.to_string().as_bytes()).expect("a valid plan")
}

fn kinds(injector: &mut Injector, requests: &[(&str, &str)]) -> Vec<Option<Kind>> {
    requests.iter().map(|(method, path)| injector.pick(method, path).map(|fault| fault.kind)).collect()
}

#[test]
fn kinds_have_their_documented_names() {
    for kind in Kind::ALL {
        assert_eq!(json!(kind), json!(kind.as_str()));
        assert_eq!(serde_json::from_value::<Kind>(json!(kind.as_str())).unwrap(), kind);
    }
    assert_eq!(Kind::ALL.map(Kind::as_str)[..3], ["status-500", "status-502", "status-503"]);
}

#[test]
fn paths_match_exactly_or_by_prefix_and_methods_in_any_case() {
    let filter = |method: Option<&str>, path: &str| Filter {
        method: method.map(str::to_owned),
        path: Some(path.to_owned()),
        ..Filter::default()
    };
    assert!(filter(None, "/partner/order/*").matches("GET", "/partner/order/abc"));
    assert!(filter(None, "/partner/order/*").matches("POST", "/partner/order/digital/buy"));
    assert!(!filter(None, "/partner/order/*").matches("GET", "/partner/orders"));
    assert!(filter(None, "/partner/delivery").matches("POST", "/partner/delivery"));
    assert!(!filter(None, "/partner/delivery").matches("POST", "/partner/delivery/calculate"));
    assert!(filter(Some("post"), "/partner/*").matches("POST", "/partner/x"));
    assert!(!filter(Some("POST"), "/partner/*").matches("GET", "/partner/x"));
    assert!(Filter::default().matches("DELETE", "/partner/anything"));
}

#[test]
fn rules_apply_in_order_for_their_times_then_are_skipped() {
    let mut injector = Injector::default();
    injector.set(plan(json!({"rules": [
        {"fault": "status-500", "path": "/partner/order/*", "times": 2},
        {"fault": "html", "method": "GET"},
        {"fault": "delay", "delay_ms": 5, "retry_after": "9"},
    ]})));
    let got = kinds(
        &mut injector,
        &[("GET", "/partner/order/a"), ("GET", "/partner/order/b"), ("GET", "/partner/order/c"), ("GET", "/x")],
    );
    assert_eq!(got, [Some(Kind::Status500), Some(Kind::Status500), Some(Kind::Html), Some(Kind::Delay)]);
    assert_eq!(injector.pick("GET", "/partner/order/d"), None);
    assert_eq!(injector.injected(Kind::Status500), 2);
    let view = injector.view();
    assert_eq!(view["matched_requests"], 5);
    assert_eq!(view["rules"][0]["used"], 2);
    assert_eq!(view["rules"][1], json!({"fault": "html", "method": "GET", "times": 1, "used": 1}));
    assert_eq!(view["injected"]["delay"], 1);
    assert_eq!(view["injected"]["reset"], 0);
    assert_eq!(view["injected"].as_object().unwrap().len(), Kind::ALL.len());
}

#[test]
fn fault_options_have_defaults() {
    let mut injector = Injector::default();
    injector.set(plan(
        json!({"rules": [{"fault": "rate-limit"}, {"fault": "status-503", "retry_after": "30", "delay_ms": 7}]}),
    ));
    let first = injector.pick("GET", "/partner").unwrap();
    assert_eq!((first.retry_after.as_str(), first.delay_ms), ("1", DEFAULT_DELAY_MS));
    let second = injector.pick("GET", "/partner").unwrap();
    assert_eq!((second.retry_after.as_str(), second.delay_ms), ("30", 7));
}

#[test]
fn random_faults_follow_the_seed_and_the_rate() {
    let random =
        json!({"random": {"seed": 7, "rate": 0.3, "faults": ["status-500", "reset", "empty"], "method": "POST"}});
    let run = |injector: &mut Injector| -> Vec<Option<Kind>> {
        (0..200).map(|_| injector.pick("POST", "/partner/order/digital/buy").map(|f| f.kind)).collect()
    };
    let mut injector = Injector::default();
    injector.set(plan(random.clone()));
    let first = run(&mut injector);
    injector.set(plan(random.clone()));
    assert_eq!(run(&mut injector), first, "same seed, same faults");
    let hits = first.iter().flatten().count();
    assert!((35..=85).contains(&hits), "{hits} faults in 200 at rate 0.3");
    for kind in [Kind::Status500, Kind::Reset, Kind::Empty] {
        assert!(first.contains(&Some(kind)), "{kind:?} never picked");
    }
    let mut other = Injector::default();
    other.set(plan(json!({"random": {"seed": 8, "rate": 0.3, "faults": ["status-500", "reset", "empty"]}})));
    assert_ne!(run(&mut other), first, "another seed, other faults");
    assert_eq!(injector.pick("GET", "/partner/customer"), None, "method filter");
    assert_eq!(injector.view()["matched_requests"], 200);
}

#[test]
fn rules_win_over_random_and_rate_bounds_hold() {
    let mut injector = Injector::default();
    injector.set(plan(json!({"rules": [{"fault": "html"}], "random": {"seed": 1, "rate": 1.0, "faults": ["empty"]}})));
    assert_eq!(kinds(&mut injector, &[("GET", "/a"), ("GET", "/b")]), [Some(Kind::Html), Some(Kind::Empty)]);
    injector.set(plan(json!({"random": {"seed": 1, "rate": 0.0, "faults": ["empty"]}})));
    assert!((0..100).all(|_| injector.pick("GET", "/a").is_none()));
    assert_eq!(injector.view()["matched_requests"], 100);
    injector.clear();
    assert_eq!(injector.pick("GET", "/a"), None);
    assert_eq!(injector.view()["matched_requests"], 0);
    assert_eq!(injector.view()["rules"], json!([]));
}

#[test]
fn bad_plans_are_refused_with_a_reason() {
    let refused = |body: &str| Plan::parse(body.as_bytes()).unwrap_err();
    assert_eq!(refused("{").code, crate::envelope::code::NOT_JSON);
    for (body, reason) in [
        (r#"{"rules": [{"fault": "explode"}]}"#, "unknown variant `explode`"),
        (r#"{"rules": [{"fault": "html", "time": 2}]}"#, "unknown field `time`"),
        (r#"{"rules": [{"fault": "html", "times": 0}]}"#, "times must be at least 1"),
        (r#"{"rules": [{"fault": "html", "path": "partner"}]}"#, "path must start with /"),
        (r#"{"rules": [{"fault": "rate-limit", "retry_after": ""}]}"#, "retry_after"),
        (r#"{"random": {"seed": 1, "rate": 1.5, "faults": ["html"]}}"#, "between 0 and 1"),
        (r#"{"random": {"seed": 1, "rate": 0.5, "faults": []}}"#, "at least one fault"),
        (r#"{"rule": []}"#, "unknown field `rule`"),
    ] {
        let failure = refused(body);
        assert_eq!(failure.code, crate::envelope::code::PARAMETER, "{body}");
        let crate::messages::Msg::FaultPlan(text) = &failure.msg else { panic!("{failure:?}") };
        assert!(text.contains(reason), "{body}: {text}");
    }
    assert!(plan(json!({})).is_empty());
}
