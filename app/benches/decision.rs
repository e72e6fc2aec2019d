//! The §5 decision for every item of Helmi's (the demo person with the
//! longest history) against every provider, in treatment and in emergency.
//! Run: `cargo bench -p app --bench decision` (prints the times).

use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{black_box, criterion_group, criterion_main, Criterion};

use app::demo::{demo_people, REGISTERS};
use app::domain::decision::{decide, Item, Situation, Viewer, ViewerRole};
use app::domain::declarations::{
    Actor, Declaration, DeclarationEvent, DeclarationId, DenialScope, PrescriptionId, ProviderId, Register,
    RegisterKind, Sector, ServiceEventId,
};
use app::domain::validity::valid_at;
use app::domain::NoticeVersion;

const UUSIMAA: [&str; 6] = ["ita-uusimaa", "keski-uusimaa", "lansi-uusimaa", "vantaa-kerava", "helsinki", "hus"];
const PROVIDERS: [&str; 28] = [
    "ita-uusimaa",
    "keski-uusimaa",
    "lansi-uusimaa",
    "vantaa-kerava",
    "varsinais-suomi",
    "satakunta",
    "kanta-hame",
    "pirkanmaa",
    "paijat-hame",
    "kymenlaakso",
    "etela-karjala",
    "etela-savo",
    "pohjois-savo",
    "pohjois-karjala",
    "keski-suomi",
    "etela-pohjanmaa",
    "pohjanmaa",
    "keski-pohjanmaa",
    "pohjois-pohjanmaa",
    "kainuu",
    "lappi",
    "helsinki",
    "hus",
    "lahiklinikka",
    "kide-terveys",
    "apteekki-kauppatori",
    "apteekki-hervanta",
    "apteekki-tahti",
];

fn register(id: &str) -> Register {
    let (_, provider, kind) = REGISTERS.iter().find(|r| r.0 == id).expect("known register");
    let kind = match *kind {
        "patient" => RegisterKind::Patient,
        "social_welfare_client" => RegisterKind::SocialWelfareClient,
        _ => RegisterKind::OccupationalHealth,
    };
    Register { provider: ProviderId(provider.to_string()), kind, uusimaa_party: UUSIMAA.contains(provider) }
}

fn helmis_items(today: NaiveDate) -> Vec<Item> {
    let people = demo_people(today);
    let helmi = people.iter().find(|p| p.code == "271055-988J").expect("Helmi");
    let mut items = Vec::new();
    for (i, e) in helmi.events.iter().enumerate() {
        for _ in &e.entries {
            items.push(Item::Entry { register: register(e.register), service_event: ServiceEventId(i as i64) });
        }
    }
    for (i, p) in helmi.prescriptions.iter().enumerate() {
        items.push(Item::Prescription {
            id: PrescriptionId(i as i64),
            prescriber: ProviderId(p.prescriber.to_string()),
            class: p.class,
            renewal_with: None,
        });
    }
    items
}

fn viewers(situation: Situation) -> Vec<Viewer> {
    PROVIDERS
        .iter()
        .flat_map(|p| {
            let roles: &[ViewerRole] = if p.starts_with("apteekki") {
                &[ViewerRole::Pharmacy]
            } else {
                &[ViewerRole::Healthcare { occupational_health: false }, ViewerRole::SocialWelfare]
            };
            roles.iter().map(move |role| Viewer {
                provider: Some(ProviderId(p.to_string())),
                role: *role,
                uusimaa_party: UUSIMAA.contains(p),
                situation,
            })
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let t = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
    let opens = Utc.with_ymd_and_hms(2027, 3, 1, 0, 0, 0).unwrap();
    let items = helmis_items(today);
    let at = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap();
    let declarations = vec![
        Declaration {
            id: DeclarationId(1),
            at,
            actor: Actor::Citizen,
            event: DeclarationEvent::ConsentGiven(Sector::Healthcare),
        },
        Declaration {
            id: DeclarationId(2),
            at,
            actor: Actor::Citizen,
            event: DeclarationEvent::DenialSet {
                scope: DenialScope::ServiceEvent(ServiceEventId(7)),
                allow_in_emergency: true,
            },
        },
        Declaration {
            id: DeclarationId(3),
            at,
            actor: Actor::Citizen,
            event: DeclarationEvent::DenialSet {
                scope: DenialScope::Provider(ProviderId("lahiklinikka".into())),
                allow_in_emergency: false,
            },
        },
    ];
    let notice = vec![(NoticeVersion::parse("2023-11").unwrap(), at)];
    let valid = valid_at(&declarations, &notice, t);
    for (name, situation) in [("treatment", Situation::Treatment), ("emergency", Situation::Emergency)] {
        let viewers = viewers(situation);
        let decisions = items.len() * viewers.len();
        c.bench_function(
            &format!("helmi: {} items x {} viewers in {name} ({decisions} decisions)", items.len(), viewers.len()),
            |b| {
                b.iter(|| {
                    let mut visible = 0usize;
                    for v in &viewers {
                        for item in &items {
                            visible += decide(black_box(item), v, &valid, t, opens).is_visible() as usize;
                        }
                    }
                    visible
                })
            },
        );
    }
    c.bench_function("helmi: derive valid declarations at t", |b| {
        b.iter(|| valid_at(black_box(&declarations), &notice, t))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
