// All mutation modules.
import './partners/mutations.js';
import './accounts/mutations.js';
import './opportunities/mutations.js';
import './touchpoints/mutations.js';
import './rules/mutations.js';
import './runs/mutations.js';
import './governance/mutations.js';
import './taxonomy/mutations.js';
