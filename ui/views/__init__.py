"""Views of the longer pages: one module per page (a package for Trade-offs, one module per
view), each drawing one part of the page from results the page computed or fetched."""
