//! The strings of strong identification (the login page's first choice and
//! what an identification that did not log the citizen in says), in the
//! three languages side by side. `Texts::identification` points to one.

use crate::domain::identification::IdentificationFailure;

pub struct IdentificationTexts {
    /// The login page's first choice, and what it says.
    pub identify_button: &'static str,
    pub identify_intro: &'static str,
    /// The heading over the demo's password login, below it.
    pub password_heading: &'static str,
    /// Neither identification nor passwords (a server without a provider
    /// and not in demo mode).
    pub no_login: &'static str,
    pub password_login_off: &'static str,
    pub back_to_login: &'static str,
    pub cancelled: &'static str,
    pub not_this_browser: &'static str,
    pub rejected: &'static str,
    pub not_verified: &'static str,
    pub level_too_low: &'static str,
    pub unknown_person: &'static str,
    pub unavailable: &'static str,
}

impl IdentificationTexts {
    pub fn failure(&self, f: IdentificationFailure) -> &'static str {
        match f {
            IdentificationFailure::Cancelled => self.cancelled,
            IdentificationFailure::NotThisBrowser => self.not_this_browser,
            IdentificationFailure::Rejected => self.rejected,
            IdentificationFailure::NotVerified => self.not_verified,
            IdentificationFailure::LevelTooLow => self.level_too_low,
            IdentificationFailure::UnknownPerson => self.unknown_person,
            IdentificationFailure::Unavailable => self.unavailable,
        }
    }
}

pub const FI: IdentificationTexts = IdentificationTexts {
    identify_button: "Tunnistaudu (Suomi.fi)",
    identify_intro: "Tunnistaudu pankkitunnuksilla, mobiilivarmenteella tai varmennekortilla Suomi.fi-tunnistuksessa.",
    password_heading: "Esittelyhenkilöiden kirjautuminen salasanalla",
    no_login: "Kirjautuminen ei ole käytettävissä: tunnistuspalvelua ei ole määritetty.",
    password_login_off: "Salasanalla ei voi kirjautua. Tunnistaudu Suomi.fi-tunnistuksella.",
    back_to_login: "Palaa kirjautumiseen",
    cancelled: "Tunnistautuminen keskeytettiin. Et kirjautunut palveluun. Voit aloittaa uudelleen.",
    not_this_browser: "Tunnistautumista ei voitu yhdistää tähän selaimeen. Se on voinut vanhentua tai alkaa toisessa välilehdessä. Aloita tunnistautuminen uudelleen.",
    rejected: "Tunnistuspalvelu ei hyväksynyt tunnistautumista (se on voitu jo käyttää tai se vanheni). Aloita tunnistautuminen uudelleen.",
    not_verified: "Tunnistautumisen oikeellisuutta ei voitu varmistaa, joten et kirjautunut palveluun. Aloita tunnistautuminen uudelleen.",
    level_too_low: "Tunnistusväline ei ole riittävän vahva. Sosiaali- ja terveystietoihin tarvitaan vähintään korotetun varmuustason tunnistus, esimerkiksi pankkitunnukset tai mobiilivarmenne.",
    unknown_person: "Tunnistamallesi henkilölle ei löydy tietoja tästä palvelusta. Palvelu ei luo uusia käyttäjiä.",
    unavailable: "Tunnistuspalvelu ei ole juuri nyt käytettävissä. Yritä hetken kuluttua uudelleen.",
};

pub const SV: IdentificationTexts = IdentificationTexts {
    identify_button: "Identifiera dig (Suomi.fi)",
    identify_intro: "Identifiera dig med bankkoder, mobilcertifikat eller certifikatkort i Suomi.fi-identifikationen.",
    password_heading: "Demopersonernas inloggning med lösenord",
    no_login: "Inloggningen är inte tillgänglig: ingen identifieringstjänst har angetts.",
    password_login_off: "Det går inte att logga in med lösenord. Identifiera dig med Suomi.fi-identifikation.",
    back_to_login: "Tillbaka till inloggningen",
    cancelled: "Identifieringen avbröts. Du loggade inte in i tjänsten. Du kan börja på nytt.",
    not_this_browser: "Identifieringen kunde inte kopplas till den här webbläsaren. Den kan ha gått ut eller börjat i en annan flik. Börja identifieringen på nytt.",
    rejected: "Identifieringstjänsten godkände inte identifieringen (den kan redan ha använts eller ha gått ut). Börja identifieringen på nytt.",
    not_verified: "Identifieringens riktighet kunde inte säkerställas, så du loggade inte in i tjänsten. Börja identifieringen på nytt.",
    level_too_low: "Identifieringsverktyget är inte tillräckligt starkt. För social- och hälsovårdsuppgifter krävs minst betydande tillitsnivå, till exempel bankkoder eller mobilcertifikat.",
    unknown_person: "Det finns inga uppgifter om den identifierade personen i den här tjänsten. Tjänsten skapar inga nya användare.",
    unavailable: "Identifieringstjänsten är inte tillgänglig just nu. Försök på nytt om en stund.",
};

pub const EN: IdentificationTexts = IdentificationTexts {
    identify_button: "Identify (Suomi.fi)",
    identify_intro: "Identify yourself with online banking codes, a mobile certificate or a certificate card in Suomi.fi e-Identification.",
    password_heading: "Logging in with a password as a demo person",
    no_login: "Logging in is not available: no identification service has been configured.",
    password_login_off: "Logging in with a password is not possible. Identify yourself with Suomi.fi e-Identification.",
    back_to_login: "Back to logging in",
    cancelled: "The identification was cancelled. You did not log in to the service. You can start again.",
    not_this_browser: "The identification could not be linked to this browser. It may have expired or begun in another tab. Start the identification again.",
    rejected: "The identification service did not accept the identification (it may have been used already or have expired). Start the identification again.",
    not_verified: "The identification could not be verified, so you did not log in to the service. Start the identification again.",
    level_too_low: "The means of identification is not strong enough. Social welfare and health data need at least the substantial level of assurance, for example online banking codes or a mobile certificate.",
    unknown_person: "There is no data of the person you identified as in this service. The service does not create new users.",
    unavailable: "The identification service is not available right now. Please try again in a moment.",
};
