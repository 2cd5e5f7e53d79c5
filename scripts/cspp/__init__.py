"""Scotland's children's services planning, as open data: validate the packages, build the site."""
