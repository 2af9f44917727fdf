// Jest maps 'rxjs/operators' here (jest.config.js): the operators of the same one-file rxjs bundle that 'rxjs' maps to.
module.exports = require('rxjs').operators;
