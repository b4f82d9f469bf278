import { applicantJourney } from './support/applicant-journey.ts';

// Issue 15 item 8: the same journey on a phone held upright.
applicantJourney({ width: 390, height: 844 });
