//! The demo people's rows, compiled once per database backend: the module
//! `seed::sqlite` and `seed::postgres` each declare this file by path, with
//! their `DB` and `sql` (the portal's statements for that backend).

use super::{sql, DB};
use crate::seed::{Notice, DEMO_PASSWORD, PEOPLE};
use app::domain::notice::ChannelKind;
use app::server::password;
use chrono::{TimeZone, Utc};

/// Creates the demo people that are missing, with their records,
/// prescriptions, declarations and viewings. Returns how many were created.
pub async fn seed_demo_people(pool: &sqlx::Pool<DB>) -> Result<usize, String> {
    let db = |e: sqlx::Error| format!("seeding failed: {e}");
    seed_registers_and_units(pool).await.map_err(db)?;
    // Helsinki's today, as the portal's pages count days: between midnight in
    // Helsinki and midnight UTC the two differ.
    let today = app::domain::time::helsinki_today(Utc::now());
    let data = app::demo::demo_people(today);
    let mut created = 0;
    for person in PEOPLE {
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM citizen WHERE identity_code = $1")
            .bind(person.code)
            .fetch_optional(pool)
            .await
            .map_err(db)?;
        if exists.is_some() {
            continue;
        }
        let hash = if person.can_log_in {
            Some(
                tokio::task::spawn_blocking(|| password::hash_blocking(DEMO_PASSWORD))
                    .await
                    .map_err(|e| e.to_string())?,
            )
        } else {
            None
        };
        let at = |(y, m, d, h, min): (i32, u32, u32, u32, u32)| Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap();
        let mut tx = pool.begin().await.map_err(db)?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO citizen (identity_code, first_name, last_name, password_hash, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(person.code)
        .bind(person.first)
        .bind(person.last)
        .bind(hash)
        .bind(at((2022, 10, 1, 0, 0)))
        .fetch_one(&mut *tx)
        .await
        .map_err(db)?;
        let confirmation = match &person.notice {
            Notice::Never => None,
            Notice::Online(v, t) => Some((*v, ChannelKind::Online.as_str(), None, at(*t))),
            Notice::InPerson(v, provider, t) => Some((*v, ChannelKind::InPerson.as_str(), Some(*provider), at(*t))),
        };
        let person_data = data.iter().find(|d| d.code == person.code);
        if let Some((version, channel, provider, when)) = confirmation {
            sqlx::query(
                "INSERT INTO notice_confirmation (citizen_id, version, channel, provider_id, confirmed_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(version)
            .bind(channel)
            .bind(provider)
            .bind(when)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        }
        if let Some(d) = person_data {
            seed_person_data(&mut tx, id, d, today).await.map_err(db)?;
        }
        tx.commit().await.map_err(db)?;
        created += 1;
    }
    seed_guardianship_and_authorisations(pool, &data).await.map_err(db)?;
    Ok(created)
}

pub async fn seed_registers_and_units(pool: &sqlx::Pool<DB>) -> Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    for (id, provider, kind) in app::demo::REGISTERS {
        sqlx::query("INSERT INTO register (id, provider_id, kind) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .bind(id)
            .bind(provider)
            .bind(kind)
            .execute(&mut *tx)
            .await?;
    }
    for u in app::demo::UNITS {
        sqlx::query(
            "INSERT INTO unit (id, provider_id, name, takes_renewal_requests) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, takes_renewal_requests = excluded.takes_renewal_requests",
        )
        .bind(u.id)
        .bind(u.provider)
        .bind(u.name)
        .bind(u.takes_renewal_requests)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

pub(super) async fn seed_person_data(
    tx: &mut <DB as sqlx::Database>::Connection,
    citizen_id: i64,
    d: &app::demo::DemoPerson,
    today: chrono::NaiveDate,
) -> Result<(), sqlx::Error> {
    use app::demo::{DemoActor, DemoDeclaration};
    use app::domain::declarations::{Actor, DeclarationEvent, DenialScope, PrescriptionId, ProviderId, ServiceEventId};
    use app::server::CitizenId;

    let mut event_ids = Vec::with_capacity(d.events.len());
    for e in &d.events {
        let event_id: i64 = sqlx::query_scalar(
            "INSERT INTO service_event (citizen_id, register_id, unit_id, started_on, title) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(citizen_id).bind(e.register).bind(e.unit).bind(e.started_on).bind(&e.title)
        .fetch_one(&mut *tx).await?;
        for x in &e.entries {
            let entry_id: i64 = sqlx::query_scalar(
                "INSERT INTO entry (service_event_id, citizen_id, kind, recorded_on, text) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(event_id).bind(citizen_id).bind(x.kind).bind(x.recorded_on).bind(&x.text)
            .fetch_one(&mut *tx).await?;
            if let Some(lab) = &x.lab {
                sqlx::query(
                    "INSERT INTO laboratory_result (entry_id, citizen_id, test, value, unit, reference_low, reference_high) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(entry_id).bind(citizen_id).bind(lab.test).bind(lab.value).bind(lab.unit)
                .bind(lab.reference_low).bind(lab.reference_high)
                .execute(&mut *tx).await?;
            }
            if let Some((vaccine, dose)) = x.vaccination {
                sqlx::query("INSERT INTO vaccination (entry_id, citizen_id, vaccine, dose) VALUES ($1, $2, $3, $4)")
                    .bind(entry_id)
                    .bind(citizen_id)
                    .bind(vaccine)
                    .bind(i64::from(dose))
                    .execute(&mut *tx)
                    .await?;
            }
        }
        event_ids.push(event_id);
    }
    let mut rx_ids = Vec::with_capacity(d.prescriptions.len());
    for p in &d.prescriptions {
        let rx_id: i64 = sqlx::query_scalar(
            "INSERT INTO prescription (citizen_id, prescriber_provider_id, prescriber_unit_id, medicine, strength, dosage, \
             prescribed_on, valid_until, amount, amount_unit, medicine_class, pharmaceutical_form, atc_code, \
             purpose) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
        )
        .bind(citizen_id).bind(p.prescriber).bind(p.unit).bind(p.medicine).bind(p.strength).bind(p.dosage)
        .bind(p.prescribed_on).bind(p.valid_until).bind(p.amount).bind(p.amount_unit).bind(p.class.as_str())
        .bind(p.form).bind(p.atc).bind(p.purpose)
        .fetch_one(&mut *tx).await?;
        for (pharmacy, on, amount) in &p.dispensings {
            sqlx::query(
                "INSERT INTO dispensing (prescription_id, pharmacy_id, dispensed_on, amount) VALUES ($1, $2, $3, $4)",
            )
            .bind(rx_id)
            .bind(pharmacy)
            .bind(on)
            .bind(amount)
            .execute(&mut *tx)
            .await?;
        }
        rx_ids.push(rx_id);
    }
    let at_noon =
        |days_ago: i64| (today - chrono::Duration::days(days_ago)).and_hms_opt(12, 0, 0).expect("noon").and_utc();
    for r in &d.renewals {
        let request_id: i64 = sqlx::query_scalar(
            "INSERT INTO renewal_request (citizen_id, prescription_id, provider_id, unit_id, message, sent_at) \
             VALUES ($1, $2, (SELECT provider_id FROM unit WHERE id = $3), $3, $4, $5) RETURNING id",
        )
        .bind(citizen_id)
        .bind(rx_ids[r.prescription])
        .bind(r.unit)
        .bind(r.message)
        .bind(at_noon(r.sent_days_ago))
        .fetch_one(&mut *tx)
        .await?;
        for (state, days_ago) in &r.states {
            sqlx::query("INSERT INTO renewal_request_state (request_id, state, at) VALUES ($1, $2, $3)")
                .bind(request_id)
                .bind(state.as_str())
                .bind(at_noon(*days_ago))
                .execute(&mut *tx)
                .await?;
        }
    }
    for (days_ago, actor, declaration) in &d.declarations {
        let actor = match actor {
            DemoActor::Citizen => Actor::Citizen,
            DemoActor::Professional(p) => Actor::Professional(ProviderId(p.to_string())),
            DemoActor::Guardian(code) => {
                let id: i64 = sqlx::query_scalar("SELECT id FROM citizen WHERE identity_code = $1")
                    .bind(code)
                    .fetch_one(&mut *tx)
                    .await?;
                Actor::Guardian(id)
            }
        };
        let deny = |scope, allow_in_emergency| DeclarationEvent::DenialSet { scope, allow_in_emergency };
        let event = match declaration {
            DemoDeclaration::Consent(s) => DeclarationEvent::ConsentGiven(*s),
            DemoDeclaration::CrossConsent(c) => DeclarationEvent::CrossSectorConsentGiven(*c),
            DemoDeclaration::DenyEvent(i, a) => deny(DenialScope::ServiceEvent(ServiceEventId(event_ids[*i])), *a),
            DemoDeclaration::DenyPrescription(i, a) => deny(DenialScope::Prescription(PrescriptionId(rx_ids[*i])), *a),
            DemoDeclaration::DenyRegister(p, kind, a) => {
                deny(DenialScope::Register(ProviderId(p.to_string()), *kind), *a)
            }
            DemoDeclaration::DenyComprehensive(s, a) => deny(DenialScope::Comprehensive(*s), *a),
            DemoDeclaration::DenyUusimaa(a) => deny(DenialScope::Uusimaa, *a),
            DemoDeclaration::Event(event) => event.clone(),
        };
        let at = (today - chrono::Duration::days(*days_ago)).and_hms_opt(10, 0, 0).expect("valid time").and_utc();
        sql::insert_declaration(&mut *tx, CitizenId(citizen_id), at, &actor, &event, None).await?;
    }
    // Wellbeing data, in order: a correction names the row it corrects.
    let mut measurement_ids: Vec<i64> = Vec::with_capacity(d.wellbeing.len());
    for m in &d.wellbeing {
        use app::domain::wellbeing::Reading;
        let local = (today - chrono::Duration::days(m.days_ago)).and_hms_opt(m.hour, m.minute, 0).expect("valid time");
        let at = app::domain::time::helsinki_instant(local);
        let (systolic, diastolic, pulse, tenths) = match m.reading {
            Reading::BloodPressure { systolic, diastolic, pulse } => {
                (Some(i64::from(systolic)), Some(i64::from(diastolic)), pulse.map(i64::from), None)
            }
            Reading::Weight { tenths } | Reading::BloodGlucose { tenths } => {
                (None, None, None, Some(i64::from(tenths)))
            }
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO wellbeing_measurement (citizen_id, kind, measured_at, systolic, diastolic, pulse, tenths, \
             recorded_at, corrects_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(citizen_id)
        .bind(m.reading.kind().as_str())
        .bind(at)
        .bind(systolic)
        .bind(diastolic)
        .bind(pulse)
        .bind(tenths)
        .bind(at + chrono::Duration::minutes(3))
        .bind(m.corrects.map(|i| measurement_ids[i]))
        .fetch_one(&mut *tx)
        .await?;
        measurement_ids.push(id);
    }
    for v in &d.viewings {
        let at = (today - chrono::Duration::days(v.days_ago)).and_hms_opt(9, 30, 0).expect("valid time").and_utc();
        sqlx::query(
            "INSERT INTO professional_viewing (citizen_id, provider_id, unit_id, viewed_at, what, purpose, basis) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(citizen_id).bind(v.provider).bind(v.unit).bind(at).bind(v.what).bind(v.purpose).bind(v.basis)
        .execute(&mut *tx).await?;
    }
    Ok(())
}

/// Who may act for whom: guardianships, and e-authorisations (each pair once).
pub(super) async fn seed_guardianship_and_authorisations(
    pool: &sqlx::Pool<DB>,
    data: &[app::demo::DemoPerson],
) -> Result<(), sqlx::Error> {
    for guardian in data.iter().filter(|d| !d.guardian_of.is_empty()) {
        for child in &guardian.guardian_of {
            sqlx::query(
                "INSERT INTO guardianship (guardian_id, child_id) \
                 SELECT g.id, c.id FROM citizen g, citizen c WHERE g.identity_code = $1 AND c.identity_code = $2 \
                 ON CONFLICT DO NOTHING",
            )
            .bind(guardian.code)
            .bind(child)
            .execute(pool)
            .await?;
        }
    }
    for principal in data.iter().filter(|d| !d.authorised.is_empty()) {
        for (agent, valid_from, valid_until, matters) in &principal.authorised {
            sqlx::query(
                "INSERT INTO authorisation (principal_id, agent_id, valid_from, valid_until, covers_healthcare, covers_social_welfare) \
                 SELECT p.id, a.id, $3, $4, $5, $6 FROM citizen p, citizen a WHERE p.identity_code = $1 AND a.identity_code = $2 \
                 AND NOT EXISTS (SELECT 1 FROM authorisation x WHERE x.principal_id = p.id AND x.agent_id = a.id)",
            )
            .bind(principal.code).bind(*agent).bind(*valid_from).bind(*valid_until)
            .bind(matters.healthcare).bind(matters.social_welfare).execute(pool).await?;
        }
    }
    Ok(())
}
