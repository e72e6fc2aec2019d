// The test identification service's pages, in Finnish, Swedish and English:
// plain HTML forms that work without JavaScript, accessible (labels, one
// h1, a main landmark, visible focus), like the portal's own pages.

export const texts = {
  fi: {
    title: 'Testitunnistus',
    service: 'Tunnistautuminen (testiympäristö)',
    intro: 'Tämä on demon ja testien tunnistuspalvelu, kuten Suomi.fi-tunnistuksen testiympäristö. Valitse testihenkilö tai kirjoita henkilötunnus.',
    people: 'Testihenkilöt',
    code: 'Henkilötunnus',
    method: 'Tunnistusväline',
    high: 'Mobiilivarmenne (korkea varmuustaso)',
    substantial: 'Pankkitunnukset (korotettu varmuustaso)',
    identify: 'Tunnistaudu',
    identifyAs: (name) => `Tunnistaudu: ${name}`,
    cancel: 'Keskeytä ja palaa palveluun',
    badCode: 'Henkilötunnus ei ole oikeanmuotoinen, esimerkiksi 010203A123B.',
    logoutTitle: 'Kirjaudu ulos tunnistuspalvelusta',
    logoutText: 'Olet kirjautunut ulos OmaKannasta. Kirjaudutaanko ulos myös tunnistuspalvelusta?',
    logoutYes: 'Kirjaudu ulos',
    logoutNo: 'Pysy kirjautuneena tunnistuspalveluun',
    error: 'Tunnistus ei onnistunut',
  },
  sv: {
    title: 'Testidentifiering',
    service: 'Identifiering (testmiljö)',
    intro: 'Detta är demons och testernas identifieringstjänst, som testmiljön för Suomi.fi-identifikation. Välj en testperson eller skriv en personbeteckning.',
    people: 'Testpersoner',
    code: 'Personbeteckning',
    method: 'Identifieringsverktyg',
    high: 'Mobilcertifikat (hög tillitsnivå)',
    substantial: 'Bankkoder (betydande tillitsnivå)',
    identify: 'Identifiera dig',
    identifyAs: (name) => `Identifiera dig: ${name}`,
    cancel: 'Avbryt och återgå till tjänsten',
    badCode: 'Personbeteckningen har fel form, till exempel 010203A123B.',
    logoutTitle: 'Logga ut från identifieringstjänsten',
    logoutText: 'Du har loggat ut från Mina Kanta-sidor. Vill du logga ut också från identifieringstjänsten?',
    logoutYes: 'Logga ut',
    logoutNo: 'Förbli inloggad i identifieringstjänsten',
    error: 'Identifieringen lyckades inte',
  },
  en: {
    title: 'Test identification',
    service: 'Identification (test environment)',
    intro: 'This is the identification service of the demo and the tests, like the test environment of Suomi.fi e-Identification. Choose a test person or type a personal identity code.',
    people: 'Test people',
    code: 'Personal identity code',
    method: 'Means of identification',
    high: 'Mobile certificate (high level of assurance)',
    substantial: 'Online banking codes (substantial level of assurance)',
    identify: 'Identify',
    identifyAs: (name) => `Identify as ${name}`,
    cancel: 'Cancel and return to the service',
    badCode: 'The personal identity code is not well formed, for example 010203A123B.',
    logoutTitle: 'Log out of the identification service',
    logoutText: 'You have logged out of MyKanta. Log out of the identification service too?',
    logoutYes: 'Log out',
    logoutNo: 'Stay logged in to the identification service',
    error: 'Identification did not succeed',
  },
};

const escape = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `
  body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;background:#f4f6f8;line-height:1.5}
  header{background:#002f5f;color:#fff;padding:.75rem 1rem;font-weight:600}
  main{max-width:40rem;margin:1.5rem auto;background:#fff;padding:1rem 1.5rem 1.5rem;border-radius:4px}
  h1{font-size:1.5rem;margin:.5rem 0 1rem} h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
  ul{list-style:none;padding:0;margin:0} li{margin:.25rem 0}
  button{font:inherit;padding:.5rem 1rem;border:2px solid #002f5f;border-radius:4px;background:#002f5f;color:#fff;cursor:pointer;min-height:44px}
  button.person{background:#fff;color:#002f5f;width:100%;text-align:left}
  button.secondary{background:#fff;color:#002f5f}
  button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #b35900;outline-offset:2px}
  label{display:block;font-weight:600;margin:.75rem 0 .25rem}
  input,select{font:inherit;padding:.4rem;border:1px solid #555;border-radius:4px;min-height:44px;box-sizing:border-box;width:100%}
  .error{color:#a00000;font-weight:600} form.inline{margin-top:1rem}`;

function page(locale, title, body) {
  return `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>
<style>${STYLE}</style></head><body><header>${escape(texts[locale].service)}</header>
<main id="main">${body}</main></body></html>`;
}

/// The test identification screen: the listed people, or any identity code.
export function screen({ uid, locale, people, typed = '', error }) {
  const t = texts[locale];
  const action = `/interaction/${escape(uid)}/login`;
  const method = (id) => `<label for="${id}">${t.method}</label>
    <select id="${id}" name="method"><option value="high">${t.high}</option>
    <option value="substantial">${t.substantial}</option></select>`;
  const list = people.map((p) => `<li><form method="post" action="${action}">
      <input type="hidden" name="identity_code" value="${escape(p.identity_code)}">
      <input type="hidden" name="method" value="high">
      <button type="submit" class="person">${escape(t.identifyAs(p.full_name))} (${escape(p.identity_code)})</button>
    </form></li>`).join('');
  return page(locale, t.title, `<h1>${t.title}</h1><p>${t.intro}</p>
    ${error ? `<p class="error" role="alert" id="code-error">${escape(error)}</p>` : ''}
    ${people.length ? `<h2>${t.people}</h2><ul>${list}</ul>` : ''}
    <h2>${t.code}</h2>
    <form method="post" action="${action}">
      <label for="identity_code">${t.code}</label>
      <input id="identity_code" name="identity_code" autocomplete="off" spellcheck="false" value="${escape(typed)}"
        ${error ? 'aria-invalid="true" aria-describedby="code-error"' : ''}>
      ${method('method')}
      <p><button type="submit">${t.identify}</button></p>
    </form>
    <form method="post" action="/interaction/${escape(uid)}/cancel" class="inline">
      <button type="submit" class="secondary">${t.cancel}</button>
    </form>`);
}

/// RP-initiated logout: the provider asks whether to end its own session too.
export async function logoutScreen(ctx, form) {
  const asked = String(ctx.oidc?.params?.ui_locales ?? 'fi').split(' ').find((l) => texts[l]) ?? 'fi';
  const t = texts[asked];
  ctx.type = 'html';
  ctx.body = page(asked, t.logoutTitle, `<h1>${t.logoutTitle}</h1><p>${t.logoutText}</p>${form}
    <p><button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">${t.logoutYes}</button></p>
    <p><button type="submit" class="secondary" form="op.logoutForm">${t.logoutNo}</button></p>`);
}

export function errorScreen(out) {
  const t = texts.fi;
  return page('fi', t.error, `<h1>${t.error}</h1><p><code>${escape(out.error)}</code> ${escape(out.error_description ?? '')}</p>`);
}
