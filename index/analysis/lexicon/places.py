"""A small gazetteer of countries, capitals and cities that news mentions often.

Used only to recover places that scraped text writes in lowercase ("kyiv"), which the statistical
model misses. Names that are also ordinary English words (turkey, chad, china, nice, reading, bath,
jordan, georgia, guinea, split, mobile, male...) are left out on purpose: a lowercase match on those
would be wrong more often than right.
"""

from __future__ import annotations

from .words import word_set

_COUNTRIES = """
afghanistan, albania, algeria, andorra, angola, argentina, armenia, australia, austria,
azerbaijan, bahrain, bangladesh, belarus, belgium, belize, benin, bhutan, bolivia, bosnia,
botswana, brazil, brunei, bulgaria, burkina faso, burundi, cambodia, cameroon, canada,
colombia, congo, croatia, cuba, cyprus, czechia, denmark, djibouti, ecuador, egypt, eritrea,
estonia, eswatini, ethiopia, fiji, finland, france, gabon, gambia, germany, ghana, greece,
guatemala, haiti, honduras, hungary, iceland, india, indonesia, iran, iraq, ireland, israel,
italy, jamaica, japan, kazakhstan, kenya, kosovo, kuwait, kyrgyzstan, laos, latvia, lebanon,
lesotho, liberia, libya, liechtenstein, lithuania, luxembourg, madagascar, malawi, malaysia,
maldives, mali, mauritania, mauritius, mexico, moldova, monaco, mongolia, montenegro, morocco,
mozambique, myanmar, namibia, nepal, netherlands, nicaragua, niger, nigeria, north korea,
south korea, norway, oman, pakistan, palestine, paraguay, peru, philippines, poland,
portugal, qatar, romania, russia, rwanda, saudi arabia, senegal, serbia, sierra leone,
singapore, slovakia, slovenia, somalia, south africa, south sudan, spain, sri lanka, sudan,
suriname, sweden, switzerland, syria, taiwan, tajikistan, tanzania, thailand, togo, tunisia,
turkmenistan, uganda, ukraine, united kingdom, united states, uruguay, uzbekistan, venezuela,
vietnam, yemen, zambia, zimbabwe, new zealand, east timor, ivory coast, north macedonia
"""

_CITIES = """
kyiv, kiev, kharkiv, odesa, odessa, lviv, dnipro, zaporizhzhia, kherson, mariupol, donetsk,
luhansk, bakhmut, moscow, st petersburg, minsk, warsaw, berlin, paris, london, madrid, lisbon,
rome, vienna, prague, budapest, bucharest, sofia, belgrade, zagreb, athens, ankara, istanbul,
tehran, baghdad, damascus, beirut, amman, jerusalem, tel aviv, gaza, riyadh, doha, dubai,
cairo, tripoli, tunis, algiers, rabat, khartoum, nairobi, addis ababa, kinshasa, lagos, abuja,
accra, dakar, johannesburg, pretoria, harare, kabul, islamabad, karachi, lahore, delhi, mumbai,
kolkata, dhaka, kathmandu, colombo, beijing, shanghai, hong kong, taipei, seoul, pyongyang,
tokyo, osaka, manila, jakarta, hanoi, bangkok, yangon, kuala lumpur, canberra, sydney,
melbourne, ottawa, toronto, montreal, vancouver, washington, new york, los angeles,
chicago, boston, san francisco, mexico city, havana, caracas, bogota, santiago,
buenos aires, brasilia, sao paulo, rio de janeiro, brussels, amsterdam, copenhagen, oslo,
stockholm, helsinki, tallinn, riga, vilnius, dublin, edinburgh, glasgow, cardiff, belfast,
manchester, liverpool, birmingham, geneva, zurich, kursk, belgorod, crimea, donbas, sevastopol
"""

PLACES: frozenset[str] = word_set(_COUNTRIES, ",") | word_set(_CITIES, ",")
MAX_PLACE_WORDS = max(len(name.split()) for name in PLACES)
