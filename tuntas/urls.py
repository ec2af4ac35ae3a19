"""Top-level URL map."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from tuntas.org import views as org_views
from tuntas.org.forms import LoginForm, PasswordResetRequestForm

# Django's admin is for the system operator only; its login goes through ours (and axes).
admin.site.login = login_not_required(  # type: ignore[method-assign]
    lambda request, extra_context=None: auth_views.redirect_to_login(
        request.get_full_path(), settings.LOGIN_URL
    )
)
admin.site.site_header = "Tuntas"

urlpatterns = [
    path("", include("tuntas.org.urls")),
    path("notifications/", include("tuntas.notifications.urls")),
    path("issues/", include("tuntas.issues.urls")),
    path("meetings/", include("tuntas.meetings.urls")),
    path("plans/", include("tuntas.plans.urls")),
    path("dashboards/", include("tuntas.dashboards.urls")),
    path("healthz", org_views.health, name="health"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "accounts/password/reset/",
        auth_views.PasswordResetView.as_view(form_class=PasswordResetRequestForm),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("i18n/language/", org_views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
