"""/hsds/: the directory as Open Referral HSDS 3.0 (see veiviser.opendata.views).

Path parameters are named `<kind>_uuid`: tests/routes.py fills them with the HSDS ids of
the seed's records. They match any text, so a malformed id is the API's own JSON 404.
"""

from django.urls import path

from veiviser.opendata import views

app_name = "hsds"
urlpatterns = [
    path("", views.root, name="root"),
    path("openapi.json", views.openapi_document, name="openapi"),
    path("dataset.json", views.download, name="dataset"),
    path("services", views.services, name="services"),
    path("services/<str:service_uuid>", views.service, name="service"),
    path("organizations", views.organizations, name="organizations"),
    path("organizations/<str:organization_uuid>", views.organization, name="organization"),
    path("taxonomies", views.taxonomies, name="taxonomies"),
    path("taxonomies/<str:taxonomy_uuid>", views.taxonomy_detail, name="taxonomy"),
    path("taxonomy_terms", views.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:taxonomy_term_uuid>", views.taxonomy_term, name="taxonomy_term"),
]
