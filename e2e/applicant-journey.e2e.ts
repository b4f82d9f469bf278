import { applicantJourney } from './support/applicant-journey.ts';

applicantJourney({ width: 1440, height: 1000 });
