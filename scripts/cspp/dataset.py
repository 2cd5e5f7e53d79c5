"""The dataset's identity: its name, description and licence, in one place that the pages
(the downloads page, the README in the zip) and the exports (the Datasette metadata) both read."""

NAME = "Scotland's children's services planning, as open data"
DESCRIPTION = ("Every Children's Services Planning Partnership in Scotland: the councils and NHS "
               "boards that make it up, its member organisations, its children's services plans "
               "and reports with their priorities worded as published, the measures of success "
               "they set, official statistics for each council area, and the Scottish "
               "Government's national reviews of the plans. Every row names its public source.")
LICENCE_NAME = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
