"""The sources table's rules: the id a new source gets, its kind by the data dictionary's rule,
and the publisher its web address implies by the domain table.

The importer (tools/import_sources.py) and the submissions use them, so a source is named and
classified the same way whichever path brought it in; the pages use the kind rule for document
links, which are not sources. Pure: nothing here reads or writes files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

# sources.kind, in the order the schema lists them (the data dictionary gives the rule in words).
KINDS = (
    "partnership",
    "public-body",
    "legislation",
    "official-statistics",
    "news",
    "third-party-copy",
    "other-organisation",
    "statement",
    "supplied",
)
STATEMENT = "statement"  # set by the submission of a confirmation, never by the address rule
OWN_KINDS = {"partnership", "public-body", "legislation", "official-statistics"}

# The rule, by web address; the first matching pattern wins. A host matches itself and its
# subdomains; a pattern with a path matches addresses that start with it. Unknown hosts get no
# kind, which `cspp validate` reports so that a person decides.
KIND_RULE: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("legislation", ("legislation.gov.uk",)),
    # The statistics mirrors of sources.md and stats_r3/NOTES.md, the ScotPHO profiles tool's
    # own repository (its indicator definitions), and the National Records of Scotland.
    (
        "official-statistics",
        (
            "github.com/GraemeVIP/scotland-counted",
            "github.com/MatteoLarrode/ChildrenLowIncomeHouseholdsUK",
            "github.com/SC-TPP/LGBF",
            "github.com/ScotGovAnalysis/hwb-census",
            "github.com/ScotGovAnalysis/population_estimates",
            "github.com/humaniverse/healthindexscotland",
            "github.com/Public-Health-Scotland/scotpho-profiles-tool",
            "nrscotland.gov.uk",
            # The newer releases' copies: End Child Poverty's workbook and the LGBF 2026 data
            # table saved in scotland-counted, NRS mid-2022 in demographr, and the Improvement
            # Service's own CPOP repository.
            "github.com/GraemeVIP/scotland-counted",
            "github.com/humaniverse/demographr",
            "github.com/Improvement-Service/CPOP",
            # The Improvement Service's Spatial Hub, where the LGBF data table is published.
            "data.spatialhub.scot",
        ),
    ),
    (
        "third-party-copy",
        (
            "docslib.org",
            "docsbay.net",
            "docest.com",
            "dokumen.tips",
            "fdocuments.net",
            "fdocuments.us",
            "paperzz.com",
            "pdfslide.net",
            "pdfslide.us",
            "readkong.com",
            "studylib.net",
            "vdocument.in",
            "vdocuments.mx",
            "vdocuments.net",
            "vdocuments.site",
            "vdocuments.us",
            "yumpu.com",
            "zbook.org",
            "scribd.com",
            "info.5y1.org",
            "laurenscitycats.org",
            "sites.google.com/ourcloud.buzz",
            "opencouncil.network",
            # A web developer's copy of East Dunbartonshire Council's site.
            "eastdunb-main.bsdev.site",
        ),
    ),
    (
        "news",
        (
            "agcc.co.uk/news-article",
            "argyll-conservatives.org/news",
            "ayradvertiser.com",
            "ayrshiredailynews.co.uk",
            "barrheadnews.com",
            "bbc.com",
            "caithness-business.co.uk",
            "campbeltowncourier.co.uk",
            "careappointments.com/care-news",
            "careappointments.com/?p=",
            "carricktoday.co.uk",
            "centreforequalities.org.uk",
            "cumbernauld-news.co.uk",
            "d33gy59ovltp76.cloudfront.net/news",
            "daily8.com",
            "dailyrecord.co.uk",
            "dgwgo.com",
            "dng24.co.uk",
            "eastlothiancourier.com",
            "edinburghnews.scotsman.com",
            "equalityupdates.org.uk",
            "eveningexpress.co.uk",
            "falkirkherald.co.uk",
            "fifetoday.co.uk",
            "glasgowtimes.co.uk",
            "greenocktelegraph.co.uk",
            "hellorayo.co.uk",
            "inkl.com",
            "insidemoray.com",
            "irvinetimes.com",
            "linlithgowgazette.co.uk",
            "midlothianadvertiser.co.uk",
            "mycouncilworks.co.uk",
            "news.net-zeroclub.co.uk",
            "paisley.org.uk",
            "pressandjournal.co.uk",
            "scottishhousingnews.com",
            "shetlandtimes.co.uk",
            "stornowaygazette.co.uk",
            "theedinburghreporter.co.uk",
            "theorkneynews.scot",
            "wired-gov.net",
            "alloaadvertiser.com",
            "inverclydelife.com",
            "thenational.scot",
            "ruralnetwork.scot/news-and-events",
        ),
    ),
    (
        "public-body",
        (
            "gov.scot",
            "careinspectorate.com",
            "careinspectoratelive2.mtcserver.com",
            "improvementservice.org.uk",
            "cosla.gov.uk",
            "carereview.scot",
            "rightdecisions.scot.nhs.uk",
        ),
    ),
    (
        "partnership",
        (
            # Councils, including their committee, consultation and hosting services.
            "aberdeencity.gov.uk",
            "aberdeen.sch.uk",
            "aberdeenshire.gov.uk",
            "aberdeenshire.dialogue-app.com",
            "aberdeenshire.community",
            "angus.gov.uk",
            "argyll-bute.gov.uk",
            "argyll-bute.sch.uk",
            "clacks.gov.uk",
            "clacks-web2023.azurewebsites.net",
            "cne-siar.gov.uk",
            "pkc.gov.uk",
            "pkc1-prd.gosshosted.com",
            "stirling.gov.uk",
            "edinburgh.gov.uk",
            "southlanarkshire.gov.uk",
            "dumfriesandgalloway.gov.uk",
            "dumgal.gov.uk",
            "dundeecity.gov.uk",
            "east-ayrshire.gov.uk",
            "eastdunbarton.gov.uk",
            "eastlothian.gov.uk",
            "eastlothian.communitychoices.scot",
            "eastlothianconsultations.co.uk",
            "falkirk.gov.uk",
            "fife.gov.uk",
            "fife.scot",
            "fifedirect.org.uk",
            "glasgow.gov.uk",
            "highland.gov.uk",
            "south-ayrshire.gov.uk",
            "inverclyde.gov.uk",
            "northlanarkshire.gov.uk",
            "orkney.gov.uk",
            "renfrewshire.gov.uk",
            "renfrewshire.cmis.uk.com",
            "scottishborders.moderngov.co.uk",
            "scotborders.gov.uk",
            "shetland.gov.uk",
            "north-ayrshire.gov.uk",
            "westlothian.gov.uk",
            "midlothian.gov.uk",
            "inform-elc.tfemagazine.co.uk",
            "sites.google.com/edubuzz.org",
            # Schools' and services' pages on Glow, Education Scotland's platform for councils.
            "blogs.glowscotland.org.uk",
            # NHS boards and health and social care partnerships.
            "scot.nhs.uk",
            "nhsforthvalley.com",
            "nhsgrampian.org",
            "nhsfife.org",
            "hscp.scot",
            "dghscp.co.uk",
            "westlothianhscp.org.uk",
            "hscmoray.co.uk",
            "livingwellea.co.uk",
            # The partnerships' and community planning partnerships' own sites.
            "communityplanningaberdeen.org.uk",
            "aberdeengettingitright.org.uk",
            "shetlandpartnership.org",
            "southlanarkshirecommunityplanning.org",
            "girfec-aberdeenshire.org",
            "girfecinmoray.co.uk",
            "taycollab.org.uk",
            "eastayrshirecommunityplan.org",
            "south-ayrshire-cs.scot",
            "dgppp.org.uk",
            "glasgowspromise.co.uk",
            "childrensrightshighland.co.uk",
            "eastrenchampionsboards.co.uk",
            "e-sgire.org",
            "surveymonkey.co.uk/r/MorayCSP",
        ),
    ),
    (
        "other-organisation",
        (
            "acvo.org.uk",
            "careandlearningalliance.co.uk",
            "childrensparliament.org.uk",
            "councils.coop",
            "cvsinverclyde.org.uk",
            "edinburghpovertycommission.org.uk",
            "evoc.org.uk",
            "renfrewshire2023.com",
            "enquire.org.uk",
            "gcvs.org.uk",
            "horizonsresearch.org",
            "lifechangestrust.org.uk",
            "signsofsafety.net",
            "thepromise.scot",
            "vaorkney.org.uk",
            "young.scot",
            "yourvoice.org.uk",
        ),
    ),
)

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def source_kind(url: str) -> str:
    """The kind of a source by its address (KIND_RULE); "" when no pattern matches."""
    if not url:
        return ""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    rest = parts.path + (f"?{parts.query}" if parts.query else "")
    for kind, patterns in KIND_RULE:
        if any(matches(pattern, host, rest) for pattern in patterns):
            return kind
    return ""


def derived_publisher(url: str, domains: Mapping[str, str]) -> str:
    """The publisher a web address implies by the domain table (sources/publisher_domains.csv,
    domain -> publisher); "" when no listed domain covers the address."""
    domain = publisher_domain(url, domains)
    return domains[domain] if domain else ""


def publisher_domain(url: str, domains: Iterable[str]) -> str:
    """The longest listed domain that the address's host is, or is a subdomain of; "" if none."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.") if url else ""
    covering = [domain for domain in domains if matches(domain, host, "")]
    return max(covering, key=len) if covering else ""


def matches(pattern: str, host: str, rest: str) -> bool:
    pattern_host, _, pattern_path = pattern.partition("/")
    if host != pattern_host and not host.endswith("." + pattern_host):
        return False
    return not pattern_path or rest.lstrip("/").startswith(pattern_path)


def source_id_for(url: str, taken: set[str]) -> str:
    """A readable id from the address: host, the last two path parts and the query, cut at a word
    to at most 60 characters, with -2, -3 ... when taken (gov-scot-pages-1)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = [re.sub(r"\.(aspx?|html?|php|pdf)$", "", p) for p in parts.path.split("/") if p][-2:]
    words = re.sub(r"[^a-z0-9]+", "-", " ".join([host, *path, parts.query]).lower()).strip("-")
    if len(words) > 60:
        words = words[:61].rsplit("-", 1)[0]
    return free_id(words or "source", taken)


def free_id(base: str, taken: set[str]) -> str:
    """base, or base-2, base-3 ... when base is taken."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
