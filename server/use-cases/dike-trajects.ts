export { getDikeTraject, listDikeTrajects } from '../db/repositories/dike-trajects.js';
