"""The product's URLs plus `/bench/floor/`: hello world behind the same middleware.

It is registered here only, never in the product. Logged in with the same session as the key
pages, it shows what Django and the middleware cost on this machine: the floor.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from kansrijk.urls import urlpatterns as product_urlpatterns


@require_GET
def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, world", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *product_urlpatterns]
