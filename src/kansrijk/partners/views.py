from django.http import Http404


def my_referrals(request):
    raise Http404


my_referral = referral_new = referral_inbox = incoming_referral = referral_decline = my_referrals
