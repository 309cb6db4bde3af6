// Deadline polling instead of sleeps: the shared poller in this folder's (what, probe, timeout) argument order.
export { waitForValue as waitFor } from '../../support/wait-for'
