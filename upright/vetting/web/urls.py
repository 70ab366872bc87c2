from django.urls import path

from upright.vetting.web import pages, views

app_name = "vetting"
urlpatterns = [
    path("", pages.expiry_queue, name="expiry_queue"),
    path("reviews/", views.review_queue, name="review_queue"),
    path("reviews/<int:request_id>/", views.review_detail, name="review_detail"),
    path("reviews/<int:request_id>/start/", views.review_start, name="review_start"),
    path("reviews/<int:request_id>/close/", views.review_close, name="review_close"),
    path("people/<int:person_id>/", pages.person, name="person"),
    path("people/<int:person_id>/grant/", pages.clearance_grant, name="clearance_grant"),
    path("clearances/<int:clearance_id>/renew/", pages.clearance_renew, name="clearance_renew"),
    path("clearances/<int:clearance_id>/conditions/", pages.clearance_conditions,
         name="clearance_conditions"),
    path("clearances/<int:clearance_id>/terminate/", pages.clearance_terminate,
         name="clearance_terminate"),
    path("register/", pages.register, name="register"),
    path("declarations/", pages.declarations_queue, name="declarations_queue"),
    path("declarations/mine/", pages.declarations_mine, name="declarations_mine"),
    path("declarations/<int:declaration_id>/assess/", pages.declaration_assess,
         name="declaration_assess"),
    path("integrity/", pages.integrity_reviews, name="integrity_reviews"),
    path("simulations/", pages.simulations, name="simulations"),
    path("simulations/<int:simulation_id>/", pages.simulation, name="simulation"),
    path("applications/", pages.applications, name="applications"),
    path("applications/<int:application_id>/", pages.application, name="application"),
    path("applications/<int:application_id>/checks/", pages.application_checks,
         name="application_checks"),
    path("applications/<int:application_id>/decide/", pages.application_decide,
         name="application_decide"),
    path("findings/<int:finding_id>/resolve/", pages.finding_resolve, name="finding_resolve"),
    path("settings/", pages.settings_page, name="settings"),
]
