"""The starting texts of the service pages, in Dutch (authoritative) and English.

Written for this site as it is: say what we know, nothing more. Editors keep them up to date in
the admin; ``loader.load_pages()`` only creates a missing page or fills an empty field.
"""

import datetime

# The day these texts were written and checked against the site; editors change it in the admin.
PREPARED_ON = datetime.date(2026, 11, 26)

GENTINFO_NL = (
    '<ul><li>telefoon: <a href="tel:+3292101010">09 210 10 10</a></li>'
    '<li>e-mail: <a href="mailto:gentinfo@stad.gent">gentinfo@stad.gent</a></li>'
    '<li>website: <a href="https://stad.gent/">stad.gent</a></li></ul>'
)
GENTINFO_EN = (
    '<ul><li>phone: <a href="tel:+3292101010">+32 9 210 10 10</a></li>'
    '<li>email: <a href="mailto:gentinfo@stad.gent">gentinfo@stad.gent</a></li>'
    '<li>website: <a href="https://stad.gent/" hreflang="nl">stad.gent</a></li></ul>'
)

ACCESSIBILITY_NL = f"""
<p>Stad Gent wil dat iedereen de website ‘Missie en strategie’ kan gebruiken, ook wie slecht ziet,
niet met een muis werkt, een schermlezer gebruikt of de tekst sterk vergroot. Deze verklaring
volgt de modelverklaring van de Europese Commissie (Uitvoeringsbesluit (EU) 2018/1523) en geldt
voor deze website, in het Nederlands en in het Engels. De regels komen uit Richtlijn (EU)
2016/2102, in Vlaanderen omgezet in het Bestuursdecreet van 7 december 2018.</p>

<h2>Nalevingsstatus</h2>
<p>Deze website is <strong>gedeeltelijk in overeenstemming</strong> met de Webrichtlijnen
WCAG 2.1 niveau AA (de Europese norm EN 301 549). ‘Gedeeltelijk’ omdat we nog geen volledige
handmatige toetsing door een onafhankelijke deskundige hebben laten doen: we kunnen dus niet
beloven dat alles in orde is, ook al vinden onze eigen controles geen fouten.</p>

<h2>Wat we doen en controleren</h2>
<ul>
<li>WCAG 2.1 niveau AA is het doel voor elke pagina.</li>
<li>Bij elke wijziging aan de website controleren geautomatiseerde tests (axe-core) elk soort
pagina: de startpagina, een thema, een onderwerp, de zoekpagina en deze dienstpagina’s, in beide
talen.</li>
<li>Automatische tests controleren ook dat elke pagina een taal, één hoofdtitel, een kruimelpad
en een link ‘Naar de hoofdinhoud’ heeft. De website werkt zonder JavaScript.</li>
<li>Tekst die (nog) niet in het Engels vertaald is, wordt in het Nederlands getoond en als
Nederlands gemarkeerd, zodat een schermlezer de juiste uitspraak gebruikt.</li>
</ul>

<h2>Niet-toegankelijke inhoud</h2>
<p>We kennen op dit moment geen inhoud die niet aan de norm voldoet. Geautomatiseerde tests
vinden niet elk probleem (ongeveer een derde tot de helft van de mogelijke problemen). Wat we nog
niet handmatig hebben nagekeken:</p>
<ul>
<li>of de tekstalternatieven van foto’s die redacteurs toevoegen altijd goed beschrijven wat
er te zien is;</li>
<li>of de teksten overal duidelijk genoeg zijn voor wie moeite heeft met lezen.</li>
</ul>
<p>De open-databestanden (JSON en CSV) zijn gegevens voor programma’s en rekenbladen, geen
webpagina’s; dezelfde inhoud staat toegankelijk op de website zelf.</p>

<h2>Opstelling van deze verklaring</h2>
<p>Deze verklaring is opgesteld op 26 november 2026, op basis van een zelfbeoordeling door het
team dat de website bouwt, met de geautomatiseerde tests hierboven. Ze wordt herzien bij elke
grote wijziging van de website en minstens eenmaal per jaar.</p>

<h2>Feedback en contactgegevens</h2>
<p>Loop je vast op deze website, of kun je iets niet lezen of gebruiken? Laat het ons weten,
dan zoeken we samen met jou een oplossing en bezorgen we je de inhoud op een andere manier.
Neem contact op met Gentinfo:</p>
{GENTINFO_NL}

<h2>Handhavingsprocedure</h2>
<p>Ben je niet tevreden met ons antwoord, of krijg je geen antwoord? Dan kun je een klacht
indienen bij de Vlaamse Ombudsdienst, die klachten over de toegankelijkheid van websites van
Vlaamse en lokale overheden behandelt:
<a href="https://www.vlaamseombudsdienst.be/">www.vlaamseombudsdienst.be</a>.</p>
"""

ACCESSIBILITY_EN = f"""
<p>The City of Ghent wants everyone to be able to use the ‘Mission and strategy’ website,
including people with low vision, people who do not use a mouse, use a screen reader or enlarge
the text a lot. This statement follows the European Commission’s model statement (Implementing
Decision (EU) 2018/1523) and covers this website, in Dutch and in English. The rules come from
Directive (EU) 2016/2102, transposed in Flanders by the Flemish Governance Decree (Bestuursdecreet)
of 7 December 2018.</p>

<h2>Compliance status</h2>
<p>This website is <strong>partially compliant</strong> with the Web Content Accessibility
Guidelines (WCAG) 2.1 level AA (the European standard EN 301 549). ‘Partially’ because no full
manual audit by an independent expert has been done yet: we cannot promise that everything is
right, even though our own checks find no errors.</p>

<h2>What we do and check</h2>
<ul>
<li>WCAG 2.1 level AA is the target for every page.</li>
<li>With every change to the website, automated tests (axe-core) check every kind of page: the
home page, a theme, a topic, the search page and these service pages, in both languages.</li>
<li>Automated tests also check that every page has a language, one main heading, a breadcrumb
trail and a ‘Skip to main content’ link. The website works without JavaScript.</li>
<li>Text that has not been translated into English yet is shown in Dutch and marked as Dutch, so
that screen readers pronounce it correctly.</li>
</ul>

<h2>Non-accessible content</h2>
<p>We currently know of no content that does not meet the standard. Automated tests do not find
every problem (roughly a third to a half of the possible ones). What we have not yet checked by
hand:</p>
<ul>
<li>whether the text alternatives of photos that editors add always describe well what they
show;</li>
<li>whether the texts are clear enough everywhere for people who find reading difficult.</li>
</ul>
<p>The open data files (JSON and CSV) are data for programs and spreadsheets, not web pages; the
same content is available accessibly on the website itself.</p>

<h2>Preparation of this statement</h2>
<p>This statement was prepared on 26 November 2026, based on a self-assessment by the team that
builds the website, with the automated tests described above. It is reviewed with every major
change to the website and at least once a year.</p>

<h2>Feedback and contact information</h2>
<p>Are you stuck on this website, or is there something you cannot read or use? Tell us, and we
will look for a solution with you and get the content to you in another way. Contact Gentinfo:</p>
{GENTINFO_EN}

<h2>Enforcement procedure</h2>
<p>If you are not satisfied with our answer, or do not get one, you can file a complaint with the
Flemish Ombudsman (Vlaamse Ombudsdienst), which handles complaints about the accessibility of the
websites of Flemish and local governments:
<a href="https://www.vlaamseombudsdienst.be/" hreflang="nl">www.vlaamseombudsdienst.be</a>.</p>
"""

PRIVACY_NL = f"""
<p>Stad Gent is verantwoordelijk voor deze website. We verzamelen zo weinig mogelijk gegevens:
je kunt alles lezen, zoeken en downloaden zonder dat we weten wie je bent.</p>

<h2>Geen cookies, geen tracking</h2>
<ul>
<li>Deze website plaatst geen cookies bij bezoekers: geen analytische cookies, geen
advertentiecookies en geen cookies van andere partijen.</li>
<li>We gebruiken geen bezoekersstatistieken (zoals Google Analytics), geen tracking en geen
sociale-mediaknoppen die je volgen.</li>
<li>Lettertypes en afbeeldingen komen van onze eigen server; je browser maakt voor deze website
geen verbinding met andere bedrijven.</li>
</ul>
<p>Alleen redacteurs die inloggen in het beheer krijgen cookies die nodig zijn om ingelogd te
blijven en hun formulieren te beveiligen.</p>

<h2>Het formulier ‘Was deze pagina nuttig?’</h2>
<p>Als je het formulier invult, bewaren we: de pagina, de taal van de pagina, het tijdstip, je
antwoord (ja of nee) en de suggestie die je zelf schrijft. We bewaren geen IP-adres, geen naam
en geen e-mailadres. Schrijf in je suggestie geen persoonsgegevens: we kunnen je via dit
formulier niet antwoorden.</p>
<p>Om misbruik te beperken tellen we hoeveel berichten er kort na elkaar van dezelfde
internetaansluiting komen. Daarvoor houden we tien minuten lang een versleutelde samenvatting
(een ‘hash’) van het IP-adres bij in het werkgeheugen van de server; het IP-adres zelf wordt
niet bewaard. We bewaren de antwoorden maximaal twee jaar en gebruiken ze alleen om de website
te verbeteren.</p>

<h2>Technische logbestanden</h2>
<p>Zoals elke webserver houden onze servers kort technische logbestanden bij om storingen en
misbruik op te sporen. Die kunnen het IP-adres en het tijdstip van een bezoek bevatten. We
gebruiken ze niet om bezoekers te volgen of te profileren.</p>

<h2>Je rechten en vragen</h2>
<p>Je hebt het recht om je gegevens in te kijken, te laten verbeteren of te laten wissen. Omdat
we bij het formulier niets bewaren dat naar jou leidt, kunnen we een antwoord meestal niet aan
jou koppelen. Voor vragen over privacy kun je terecht bij de functionaris voor
gegevensbescherming van Stad Gent, via Gentinfo:</p>
{GENTINFO_NL}
<p>Ben je niet tevreden over hoe we met je gegevens omgaan? Dan kun je een klacht indienen bij
de Vlaamse Toezichtcommissie voor de verwerking van persoonsgegevens:
<a href="https://www.vlaamsetoezichtcommissie.be/">www.vlaamsetoezichtcommissie.be</a>.</p>
"""

PRIVACY_EN = f"""
<p>The City of Ghent is responsible for this website. We collect as little as possible: you can
read, search and download everything without us knowing who you are.</p>

<h2>No cookies, no tracking</h2>
<ul>
<li>This website sets no cookies for visitors: no analytics cookies, no advertising cookies and
no third-party cookies.</li>
<li>We use no visitor statistics (such as Google Analytics), no tracking and no social media
buttons that follow you.</li>
<li>Fonts and images come from our own server; your browser does not connect to other companies
for this website.</li>
</ul>
<p>Only editors who log in to the content management get the cookies needed to stay logged in
and to protect their forms.</p>

<h2>The ‘Was this page useful?’ form</h2>
<p>When you fill in the form, we store: the page, the language of the page, the time, your answer
(yes or no) and the suggestion you write yourself. We do not store your IP address, name or email
address. Please do not write personal details in your suggestion: we cannot reply to you through
this form.</p>
<p>To limit abuse, we count how many messages come from the same internet connection in a short
time. For that we keep a scrambled summary (a ‘hash’) of the IP address in the server’s memory
for ten minutes; the IP address itself is not stored. We keep the answers for at most two years
and use them only to improve the website.</p>

<h2>Technical logs</h2>
<p>Like every web server, our servers keep technical logs for a short time to find faults and
abuse. They may contain the IP address and time of a visit. We do not use them to follow or
profile visitors.</p>

<h2>Your rights and questions</h2>
<p>You have the right to see, correct or delete your data. Because the form stores nothing that
leads to you, we usually cannot link an answer to you. For questions about privacy, contact the
City of Ghent’s data protection officer through Gentinfo:</p>
{GENTINFO_EN}
<p>If you are not satisfied with how we handle your data, you can file a complaint with the
Flemish Supervisory Commission for the processing of personal data (Vlaamse Toezichtcommissie):
<a href="https://www.vlaamsetoezichtcommissie.be/" hreflang="nl"
>www.vlaamsetoezichtcommissie.be</a>.</p>
"""

CONTACT_NL = f"""
<p>Heb je een vraag over de missie en strategie van Stad Gent, of over deze website? Gentinfo,
het informatie- en contactcentrum van Stad Gent, helpt je verder of brengt je in contact met de
juiste dienst.</p>
{GENTINFO_NL}
<p>Postadres: Stad Gent, Botermarkt 1, 9000 Gent.</p>
<p>Wil je alleen laten weten of een pagina nuttig was? Gebruik dan het formulier ‘Was deze
pagina nuttig?’ onderaan elke thema- en onderwerppagina.</p>
"""

CONTACT_EN = f"""
<p>Do you have a question about the City of Ghent’s mission and strategy, or about this website?
Gentinfo, the City of Ghent’s information and contact centre, will help you or put you in touch
with the right service.</p>
{GENTINFO_EN}
<p>Postal address: Stad Gent, Botermarkt 1, 9000 Gent, Belgium.</p>
<p>Just want to tell us whether a page was useful? Use the ‘Was this page useful?’ form at the
bottom of every theme and topic page.</p>
"""

PAGES = {
    "accessibility": {
        "title": {"nl": "Toegankelijkheidsverklaring", "en": "Accessibility statement"},
        "body": {"nl": ACCESSIBILITY_NL, "en": ACCESSIBILITY_EN},
    },
    "privacy": {
        "title": {"nl": "Privacyverklaring", "en": "Privacy statement"},
        "body": {"nl": PRIVACY_NL, "en": PRIVACY_EN},
    },
    "contact": {
        "title": {"nl": "Contact", "en": "Contact"},
        "body": {"nl": CONTACT_NL, "en": CONTACT_EN},
    },
}
